using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Developers;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class RecourseTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task Recourse_opens_goes_overdue_with_a_signed_notice_and_settlements_recover_the_oldest_claims_first()
    {
        using var receiver = new CallbackReceiver();
        var developers = fixture.Services.GetRequiredService<DeveloperService>();
        var owner = await developers.SignUpAsync(new DeveloperSignUp("Owner Ltd", "owner@example.com", receiver.Url), "recourse-" + Guid.NewGuid());
        var stranger = await developers.SignUpAsync(new DeveloperSignUp("Stranger Ltd", "stranger@example.com", null), "recourse-" + Guid.NewGuid());
        var appId = await _driver.RegisterAppAsync(owner.DeveloperId);

        var first = await _driver.PrepaidClaimAsync(appId, 6_000);
        var second = await _driver.PrepaidClaimAsync(appId, 4_000);

        await _driver.RunFunctionAsync("RecourseOverdue");
        await Eventually.HoldsAsync(() => receiver.Received.Count(r => Type(r.Body) == "recourse.opened") >= 2, ClaimsDriver.Patience, "two recourse.opened notices");

        var asOwner = await DeveloperGetAsync($"api/recourse/{appId}", owner.ApiKey);
        Assert.Equal(HttpStatusCode.OK, asOwner.Status);
        var open = asOwner.Body.GetProperty("openClaims").EnumerateArray().ToList();
        Assert.Equal([first, second], open.Select(c => c.GetProperty("claimId").GetString()));
        Assert.All(open, c => Assert.Equal("recourse_open", c.GetProperty("status").GetString()));
        Assert.Equal(10_000, asOwner.Body.GetProperty("ledgerBalance")[0].GetProperty("amount").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await DeveloperGetAsync($"api/recourse/{appId}", stranger.ApiKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await DeveloperGetAsync($"api/recourse/{ClaimsDriver.NewId("nope")}", owner.ApiKey)).Status);
        await _driver.StaffJsonAsync(HttpMethod.Get, $"api/recourse/{appId}", StaffRoles.Operator);

        fixture.Clock.Advance(TimeSpan.FromDays(31));
        await _driver.RunFunctionAsync("RecourseOverdue");
        await Eventually.HoldsAsync(() => receiver.Received.Count(r => Type(r.Body) == "recourse.overdue") >= 2, ClaimsDriver.Patience, "two recourse.overdue notices");
        var notice = receiver.Received.First(r => Type(r.Body) == "recourse.overdue");
        var secrets = WebhookSecret.ParseList(owner.WebhookSecret);
        var verified = new WebhookSignature(fixture.Clock).Verify(
            new WebhookHeaders(notice.Headers["webhook-id"], notice.Headers["webhook-timestamp"], notice.Headers["webhook-signature"]), notice.Body, secrets);
        Assert.EndsWith(":recourse.overdue", verified, StringComparison.Ordinal);
        var noticeData = JsonDocument.Parse(notice.Body).RootElement.GetProperty("data");
        Assert.Contains(noticeData.GetProperty("claimId").GetString(), new[] { first, second });
        Assert.Equal(appId, noticeData.GetProperty("appId").GetString());
        Assert.True(noticeData.GetProperty("outstanding").GetProperty("amount").GetInt64() > 0);
        var overdueView = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/recourse/{appId}", StaffRoles.Operator);
        Assert.All(overdueView.GetProperty("openClaims").EnumerateArray(), c => Assert.True(c.GetProperty("overdue").GetBoolean()));

        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator,
            new { amount = 10_001, currency = "CNY", reference = ClaimsDriver.NewId("too-much") }, HttpStatusCode.UnprocessableEntity);

        var settlement = new { amount = 7_000, currency = "CNY", reference = ClaimsDriver.NewId("wire") };
        var settled = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, settlement);
        var replayed = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, settlement);
        Assert.Equal(settled.ToString(), replayed.ToString());
        var allocations = settled.GetProperty("allocations").EnumerateArray().ToDictionary(a => a.GetProperty("claimId").GetString()!, a => a.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(6_000, allocations[first]);
        Assert.Equal(1_000, allocations[second]);
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator,
            settlement with { amount = 7_001 }, HttpStatusCode.UnprocessableEntity);

        var firstClaim = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{first}", StaffRoles.Auditor);
        Assert.Equal("recovered", firstClaim.GetProperty("status").GetString());
        var secondClaim = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{second}", StaffRoles.Auditor);
        Assert.Equal("recourse_open", secondClaim.GetProperty("status").GetString());
        Assert.Equal(3_000, secondClaim.GetProperty("outstanding").GetProperty("amount").GetInt64());
        var recovered = Assert.Single(await _driver.ClaimEventsAsync(first, first + ":recovered"));
        Assert.Equal("governance.compensation.recovered", recovered.Type);
        Assert.Equal(first, recovered.Subject);
        using (var data = JsonDocument.Parse(recovered.Data!.ToString()))
        {
            Assert.Equal(6_000, data.RootElement.GetProperty("amount").GetProperty("amount").GetInt64());
            Assert.Equal(settlement.reference, data.RootElement.GetProperty("settlementReference").GetString());
            Assert.Equal(appId, data.RootElement.GetProperty("appId").GetString());
        }

        // In order per claim: the payout instruction, then the recovery; the claim that is still open announced no recovery.
        Assert.Equal([first, first + ":recovered"], (await _driver.RecordedEventsAsync(first)).Select(e => e.GetProperty("id").GetString()));
        Assert.Equal([second], (await _driver.RecordedEventsAsync(second)).Select(e => e.GetProperty("id").GetString()));

        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{second}/write-off", StaffRoles.Operator, new { reason = "" }, HttpStatusCode.BadRequest);
        var writtenOff = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{second}/write-off", StaffRoles.Operator, new { reason = "App vanished." });
        Assert.Equal("written_off", writtenOff.GetProperty("status").GetString());
        Assert.Equal("written_off", (await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{second}/write-off", StaffRoles.Operator, new { reason = "again" })).GetProperty("status").GetString());
        await _driver.WaitSettledAsync(second);

        var final = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/recourse/{appId}", StaffRoles.Operator);
        Assert.Empty(final.GetProperty("openClaims").EnumerateArray());
        Assert.Equal(0, final.GetProperty("ledgerBalance")[0].GetProperty("amount").GetInt64());
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{first}/write-off", StaffRoles.Operator, new { reason = "no" }, HttpStatusCode.Conflict);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> DeveloperGetAsync(string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeyHeader.Name, apiKey);
        using var response = await _driver.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string? Type(byte[] body) => JsonDocument.Parse(body).RootElement.GetProperty("type").GetString();
}
