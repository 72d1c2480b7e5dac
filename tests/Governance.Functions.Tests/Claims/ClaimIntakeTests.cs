using System.Net;
using System.Text;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimIntakeTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _driver = new(fixture);

    [Fact]
    public async Task The_same_webhook_again_gets_the_same_response_and_another_delivery_of_the_claim_is_a_duplicate()
    {
        var appId = await _driver.RegisterAppAsync();
        var claim = ClaimsDriver.ClaimBody(appId, amount: 3_000, userId: "user-dup", orderId: ClaimsDriver.NewId("order"));
        var body = _driver.Serialize(claim);
        var webhookId = ClaimsDriver.NewId("msg");

        var first = await _driver.FileAsync(body, webhookId);
        var replay = await _driver.FileAsync(body, webhookId);
        var redelivered = await _driver.FileAsync(body, ClaimsDriver.NewId("msg"));

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, replay.Status);
        Assert.Equal(first.Body.ToString(), replay.Body.ToString());
        var claimId = first.Body.GetProperty("claimId").GetString();
        Assert.StartsWith("http", first.Body.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/api/claims/{claimId}/status?token=", first.Body.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, redelivered.Status);
        Assert.Equal(claimId, redelivered.Body.GetProperty("claimId").GetString());
        Assert.Equal(claimId, redelivered.Body.GetProperty("duplicateOf").GetString());
        Assert.False(redelivered.Body.TryGetProperty("statusToken", out _));

        using var statusUrl = await _driver.Client.GetAsync(first.Body.GetProperty("statusUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, statusUrl.StatusCode);
    }

    [Fact]
    public async Task The_same_webhook_id_with_another_body_is_422()
    {
        var appId = await _driver.RegisterAppAsync();
        var webhookId = ClaimsDriver.NewId("msg");

        var first = await _driver.FileAsync(_driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_000)), webhookId);
        var second = await _driver.FileAsync(_driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_000)), webhookId);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.Status);
    }

    [Fact]
    public async Task A_bad_signature_a_stale_timestamp_or_missing_headers_are_401()
    {
        var body = _driver.Serialize(ClaimsDriver.ClaimBody("any-app", amount: 1_000));

        using var tampered = _driver.SignedWebhook("api/webhooks/claims", body, ClaimsDriver.NewId("msg"));
        tampered.Content = new ByteArrayContent([.. body, (byte)' ']);
        tampered.Content.Headers.ContentType = new("application/json");
        using var stale = _driver.SignedWebhook("api/webhooks/claims", body, ClaimsDriver.NewId("msg"), timestamp: _driver.Now.AddMinutes(-10).ToUnixTimeSeconds());
        using var wrongSecret = _driver.SignedWebhook("api/webhooks/claims", body, ClaimsDriver.NewId("msg"), "Webhooks:Payments:Secrets");
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/claims") { Content = new ByteArrayContent(body) };
        unsigned.Content.Headers.ContentType = new("application/json");

        foreach (var request in new[] { tampered, stale, wrongSecret, unsigned })
        {
            using var response = await _driver.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_malformed_claim_is_400_with_field_errors()
    {
        var body = _driver.Serialize(new
        {
            type = "claim.filed",
            data = new
            {
                externalReference = "cs-1",
                userId = "",
                appId = "bad/app",
                orderId = "o-1",
                occurredAt = _driver.Now.AddDays(3),
                damage = new { category = "bad_luck", description = "x" },
                amountClaimed = new { amount = 0, currency = "yuan" },
                evidence = new[] { new { name = "e", sha256 = "xyz" } },
            },
        });

        var (status, problem) = await _driver.FileAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "data.userId", "data.appId", "data.occurredAt", "data.damage.category", "data.amountClaimed.amount", "data.amountClaimed.currency", "data.evidence[0].sha256" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        var (notJson, notJsonProblem) = await _driver.FileAsync(Encoding.UTF8.GetBytes("{\"type\":\"claim.filed\",\"data\":{\"amountClaimed\":{\"amount\":\"lots\"}}}"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        Assert.True(notJsonProblem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413()
    {
        var claim = ClaimsDriver.ClaimBody("any-app", amount: 1_000);
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { claim, padding = new string('x', 65 * 1024) }));

        var (status, _) = await _driver.FileAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }
}
