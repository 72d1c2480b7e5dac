using System.Net;
using System.Text.Json;
using Governance.Core.Aggregates;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>Issue 12, money: currencies are ISO 4217 codes the profile accepts, and no decision approves more than the currency's cap.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimCurrencyTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("XTS")]
    [InlineData("XAU")]
    [InlineData("cny")]
    public async Task A_currency_that_is_not_an_active_iso_4217_code_is_400_naming_the_field_at_intake_decision_and_settlement(string currency)
        => await _driver.AssertMoneyRefusedAsync(await _driver.RegisterAppAsync(), 1_000, currency, "currency");

    [Fact]
    public async Task A_claim_in_a_currency_the_profile_does_not_accept_is_rejected_at_processing_citing_the_currency_rule()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 1_000, currency: "JPY"));

        var rejected = await _driver.WaitForStatusAsync(claimId, token, "rejected");

        Assert.Equal("currency_not_accepted", rejected.GetProperty("reasonCode").GetString());
        Assert.Equal("claims.currency", rejected.GetProperty("rule").GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("rule").GetProperty("citation").GetString()));
        await _driver.WaitSettledAsync(claimId);
        Assert.Empty(await _driver.ClaimLedgerLinesAsync(claimId));
        Assert.Empty(await _driver.RecordedEventsAsync(claimId));
    }

    [Fact]
    public async Task A_small_claim_in_another_accepted_currency_is_auto_approved_under_that_currencys_own_limit()
    {
        var appId = await _driver.RegisterAppAsync();
        var hkd = await CurrencyLimitsAsync("HKD");
        var (small, smallToken) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: hkd.AutoApprovalLimit, currency: "HKD"));
        var (large, largeToken) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: hkd.AutoApprovalLimit + 1, currency: "HKD"));

        var approved = await _driver.WaitForStatusAsync(small, smallToken, "approved");
        var waiting = await _driver.WaitForStatusAsync(large, largeToken, "under_review");

        Assert.Equal(hkd.AutoApprovalLimit, approved.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        Assert.Equal("HKD", approved.GetProperty("amountApproved").GetProperty("currency").GetString());
        Assert.Equal("above_auto_approval_limit", waiting.GetProperty("reasonCode").GetString());
        await _driver.WaitSettledAsync(small);
        await _driver.WaitSettledAsync(large);
    }

    [Fact]
    public async Task A_reviewer_cannot_approve_more_than_the_cap_of_the_claims_currency()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 1_000_000_000_000_000, currency: "USD"));

        var waiting = await _driver.WaitForStatusAsync(claimId, token, "under_review");
        Assert.Equal("above_per_claim_cap", waiting.GetProperty("reasonCode").GetString());
        Assert.Equal("claims.per-claim-cap", waiting.GetProperty("rule").GetProperty("id").GetString());
        await _driver.WaitSettledAsync(claimId);

        var usd = await CurrencyLimitsAsync("USD");
        foreach (var amount in new long?[] { 1_000_000_000_000_000, usd.PerClaimCap + 1, null })
        {
            object request = amount is { } a
                ? new { decision = "approve", amount = new { amount = a, currency = "USD" }, reason = "Pay it." }
                : new { decision = "approve", reason = "Pay it all." };
            var problem = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer, request, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("claims.per-claim-cap", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty("amount.amount", out _), problem.ToString());
        }

        Assert.Empty(await _driver.ClaimLedgerLinesAsync(claimId));
        Assert.Empty(await _driver.RecordedEventsAsync(claimId));

        var approved = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer,
            new { decision = "approve", amount = new { amount = usd.PerClaimCap, currency = "USD" }, reason = "Capped." });
        Assert.Equal(usd.PerClaimCap, approved.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        await _driver.WaitSettledAsync(claimId);
        var prepaid = Assert.Single(await _driver.RecordedEventsAsync(claimId));
        Assert.Equal(usd.PerClaimCap, prepaid.GetProperty("data").GetProperty("amount").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task A_claim_left_under_review_in_a_currency_the_profile_does_not_accept_can_be_rejected_but_not_approved()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await StoreUnderReviewAsync(appId, "ZZZ", 1_000_000_000_000_000);

        var problem = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer,
            new { decision = "approve", reason = "Pay it." }, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("claims.currency", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _driver.ClaimLedgerLinesAsync(claimId));
        var rejected = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer,
            new { decision = "reject", reason = "Not a currency we pay in." });
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await _driver.WaitSettledAsync(claimId);
    }

    /// <summary>The accepted currency's limits as <c>GET /api/policy</c> publishes them.</summary>
    private async Task<(long PerClaimCap, long AutoApprovalLimit)> CurrencyLimitsAsync(string currency)
    {
        using var response = await _driver.Client.GetAsync("api/policy");
        var policy = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var limits = policy.GetProperty("thresholds").GetProperty("claims").GetProperty("currencies").EnumerateArray()
            .Single(c => c.GetProperty("currency").GetString() == currency);
        return (limits.GetProperty("perClaimCap").GetInt64(), limits.GetProperty("autoApprovalLimit").GetInt64());
    }

    /// <summary>A claim as an earlier version stored it, when any three capital letters passed and such claims went to review.</summary>
    private async Task<string> StoreUnderReviewAsync(string appId, string currency, long amount)
    {
        var userId = ClaimsDriver.NewId("user");
        var orderId = ClaimsDriver.NewId("order");
        var claimId = ClaimKeys.ClaimIdFor(userId, appId, orderId, "fraud");
        var now = fixture.Clock.GetUtcNow();
        var filing = new ClaimFiling(ClaimsDriver.NewId("cs"), userId, appId, orderId, now.AddDays(-1), new ClaimDamage("fraud", "Stored before currencies were checked."),
            new Governance.Core.Policies.MoneyAmount(amount, currency), []);
        var filed = Claim.File(claimId, filing, ClaimsDriver.NewId("msg"), Guid.NewGuid().ToString("N"), "no-token", Governance.Core.Audit.AuditActor.System("test"), now).State;
        var stored = filed with { Status = ClaimStatus.UnderReview, ReasonCode = "currency_not_auto_approvable", Rule = "claims.auto-approval", Version = 2 };
        Assert.True((await fixture.Services.GetRequiredService<AggregateStore<Claim>>().CreateAsync(claimId, new Change<Claim>(stored))).IsNew);
        return claimId;
    }
}
