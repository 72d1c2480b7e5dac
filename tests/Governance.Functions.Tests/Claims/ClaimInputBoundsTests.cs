using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Claims;

/// <summary>Review findings 4, 6, 8 and 9 through the API: payout webhooks bound to their claim; money, date and text bounds.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimInputBoundsTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private const string PaymentsSecret = "Webhooks:Payments:Secrets";
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task A_payout_webhook_names_its_claim_in_the_signed_body_and_takes_effect_once_per_webhook_id()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await _driver.ApprovedClaimAsync(appId, 2_000);
        var otherId = await _driver.ApprovedClaimAsync(appId, 2_100);
        var reference = ClaimsDriver.NewId("pay");

        // Captured for one claim, replayed against another: the signature holds, but the body names the first claim.
        var forOther = _driver.Serialize(new { claimId = otherId, payoutReference = reference });
        var misdirected = await PayoutWebhookAsync(claimId, forOther, ClaimsDriver.NewId("pay-msg"));
        Assert.Equal(HttpStatusCode.BadRequest, misdirected.Status);
        Assert.True(misdirected.Body.GetProperty("errors").TryGetProperty("claimId", out _), misdirected.Body.ToString());
        var unnamed = await PayoutWebhookAsync(claimId, _driver.Serialize(new { payoutReference = reference }), ClaimsDriver.NewId("pay-msg"));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.Status);
        Assert.True(unnamed.Body.GetProperty("errors").TryGetProperty("claimId", out _), unnamed.Body.ToString());
        Assert.Equal("approved", (await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{claimId}", StaffRoles.Auditor)).GetProperty("status").GetString());

        var webhookId = ClaimsDriver.NewId("pay-msg");
        var body = _driver.Serialize(new { claimId, payoutReference = reference });
        var confirmed = await PayoutWebhookAsync(claimId, body, webhookId);
        var replayed = await PayoutWebhookAsync(claimId, body, webhookId);
        var reused = await PayoutWebhookAsync(claimId, _driver.Serialize(new { claimId, payoutReference = reference + "-2" }), webhookId);

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("prepaid", confirmed.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Equal(confirmed.Body.ToString(), replayed.Body.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal("approved", (await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{otherId}", StaffRoles.Auditor)).GetProperty("status").GetString());

        // The operator path still works without naming the claim, and checks it when named.
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{otherId}/payout-confirmation", StaffRoles.Operator,
            new { claimId, payoutReference = reference }, HttpStatusCode.BadRequest);
        var byOperator = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{otherId}/payout-confirmation", StaffRoles.Operator, new { payoutReference = reference + "-op" });
        Assert.Equal("prepaid", byOperator.GetProperty("status").GetString());
        await _driver.WaitSettledAsync(claimId);
        await _driver.WaitSettledAsync(otherId);
    }

    [Fact]
    public async Task Amounts_above_ten_to_the_fifteen_minor_units_are_400_at_intake_decision_and_settlement()
        => await _driver.AssertMoneyRefusedAsync(await _driver.RegisterAppAsync(), 5_000_000_000_000_000_000, "CNY", "amount");

    [Fact]
    public async Task Dates_before_2000_are_400_for_occurrences_and_payouts()
    {
        var appId = await _driver.RegisterAppAsync();

        var (intake, intakeProblem) = await _driver.FileAsync(_driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_000, occurredAt: new DateTimeOffset(1500, 1, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.Equal(HttpStatusCode.BadRequest, intake);
        Assert.True(intakeProblem.GetProperty("errors").TryGetProperty("data.occurredAt", out _), intakeProblem.ToString());

        var claimId = await _driver.ApprovedClaimAsync(appId, 1_000);
        foreach (var paidAt in new[] { "1500-01-01T00:00:00Z", "0001-01-01T00:00:00Z", _driver.Now.AddDays(2).ToString("O") })
        {
            var problem = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator,
                new { payoutReference = ClaimsDriver.NewId("pay"), paidAt }, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("paidAt", out _), problem.ToString());
        }

        Assert.Equal("approved", (await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{claimId}", StaffRoles.Auditor)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Control_characters_in_claim_and_app_text_are_400()
    {
        var unknownClaim = $"clm_{Guid.NewGuid():N}";
        var requests = new (string Path, string Role, object Body, string Field)[]
        {
            ($"api/claims/{unknownClaim}/decision", StaffRoles.Reviewer, new { decision = "reject", reason = "no\u0000" }, "reason"),
            ($"api/claims/{unknownClaim}/write-off", StaffRoles.Operator, new { reason = "gone\u001b[2J" }, "reason"),
            ($"api/claims/{unknownClaim}/payout-confirmation", StaffRoles.Operator, new { payoutReference = "pay\u0007" }, "payoutReference"),
            ("api/apps", StaffRoles.Operator, new { appId = ClaimsDriver.NewId("app"), name = "App\u0085name" }, "name"),
        };

        foreach (var (path, role, body, field) in requests)
        {
            var problem = await _driver.StaffJsonAsync(HttpMethod.Post, path, role, body, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: {problem}");
        }

        var appId = await _driver.RegisterAppAsync();
        var (intake, intakeProblem) = await _driver.FileAsync(_driver.Serialize(new
        {
            type = "claim.filed",
            data = new
            {
                externalReference = ClaimsDriver.NewId("cs"),
                userId = ClaimsDriver.NewId("user"),
                appId,
                orderId = ClaimsDriver.NewId("order"),
                occurredAt = _driver.Now.AddDays(-1),
                damage = new { category = "fraud", description = "line one\nline two\u0000" },
                amountClaimed = new { amount = 1_000, currency = "CNY" },
                evidence = new[] { new { name = "receipt\u0001.pdf", sha256 = new string('a', 64) } },
            },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, intake);
        var errors = intakeProblem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("data.damage.description", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("data.evidence[0].name", out _), errors.ToString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PayoutWebhookAsync(string claimId, byte[] body, string webhookId)
    {
        using var response = await _driver.Client.SendAsync(_driver.SignedWebhook($"api/claims/{claimId}/payout-confirmation", body, webhookId, PaymentsSecret));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
