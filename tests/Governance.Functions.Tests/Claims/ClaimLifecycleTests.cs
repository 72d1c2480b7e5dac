using System.Net;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimLifecycleTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task A_small_claim_with_evidence_is_auto_approved_posted_announced_and_prepaid()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 5_000));

        var approved = await _driver.WaitForStatusAsync(claimId, token, "approved");
        Assert.Equal("auto_approved", approved.GetProperty("reasonCode").GetString());
        Assert.Equal("claims.auto-approval", approved.GetProperty("rule").GetProperty("id").GetString());
        Assert.Equal(5_000, approved.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        await _driver.WaitSettledAsync(claimId);

        var approval = await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId));
        Assert.Equal(5, approval.Count);
        var lines = approval.Where(r => r.RowKey.Contains("|line-", StringComparison.Ordinal)).ToList();
        Assert.Equal(5_000, lines.Single(l => l.GetString("Account") == "advance_compensation_expense").GetInt64("Debit"));
        Assert.Equal(5_000, lines.Single(l => l.GetString("Account") == $"recourse_receivable:app:{appId}").GetInt64("Debit"));
        Assert.Equal(5_000, lines.Single(l => l.GetString("Account") == "advance_compensation_recovery").GetInt64("Credit"));
        Assert.Equal(5_000, lines.Single(l => l.GetString("Account")!.StartsWith("payable:user:", StringComparison.Ordinal)).GetInt64("Credit"));

        var events = await _driver.ClaimEventsAsync(claimId, claimId);
        var prepaid = Assert.Single(events);
        Assert.Equal("governance.compensation.prepaid", prepaid.Type);
        Assert.Equal("/governance/claims", prepaid.Source);
        Assert.Equal(claimId, prepaid.Subject);
        using (var data = JsonDocument.Parse(prepaid.Data!.ToString()))
        {
            Assert.Equal(5_000, data.RootElement.GetProperty("amount").GetProperty("amount").GetInt64());
            Assert.Equal("CNY", data.RootElement.GetProperty("amount").GetProperty("currency").GetString());
            Assert.Equal(claimId, data.RootElement.GetProperty("claimId").GetString());
            Assert.Equal(appId, data.RootElement.GetProperty("appId").GetString());
            Assert.Equal("claims.auto-approval", data.RootElement.GetProperty("rule").GetString());
        }

        var recorded = Assert.Single(await _driver.RecordedEventsAsync(claimId));
        Assert.Equal("1.0", recorded.GetProperty("specversion").GetString());
        Assert.Equal(claimId, recorded.GetProperty("id").GetString());

        var confirmation = new { payoutReference = ClaimsDriver.NewId("payout") };
        var paid = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator, confirmation);
        var again = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator, confirmation);
        Assert.Equal("prepaid", paid.GetProperty("status").GetString());
        Assert.Equal("prepaid", again.GetProperty("status").GetString());
        Assert.Equal(paid.GetProperty("prepaidAt").GetDateTimeOffset(), again.GetProperty("prepaidAt").GetDateTimeOffset());
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator,
            new { payoutReference = "another-payout" }, HttpStatusCode.Conflict);

        var status = await _driver.StatusAsync(claimId, token);
        Assert.Equal("prepaid", status.GetProperty("status").GetString());
        await _driver.WaitSettledAsync(claimId);
        Assert.Equal(3, (await _driver.PostingRowsAsync(ClaimPostings.PayoutId(claimId))).Count);
        Assert.Single(await _driver.ClaimEventsAsync(claimId, claimId));
        Assert.Single(await _driver.RecordedEventsAsync(claimId));
    }

    [Fact]
    public async Task A_large_claim_waits_for_a_reviewer_who_approves_part_of_it_and_payments_confirm_by_webhook()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 800_000));

        var waiting = await _driver.WaitForStatusAsync(claimId, token, "under_review");
        Assert.Equal("above_auto_approval_limit", waiting.GetProperty("reasonCode").GetString());
        Assert.Equal("claims.auto-approval", waiting.GetProperty("rule").GetProperty("id").GetString());
        await _driver.WaitSettledAsync(claimId);
        Assert.Empty(await _driver.ClaimLedgerLinesAsync(claimId));

        var queue = await _driver.StaffJsonAsync(HttpMethod.Get, "api/claims?status=under_review&pageSize=200", StaffRoles.Reviewer);
        var listed = queue.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("claimId").GetString()).ToList();
        Assert.Contains(claimId, listed);
        Assert.All(queue.GetProperty("claims").EnumerateArray(), c => Assert.Equal("under_review", c.GetProperty("status").GetString()));

        var decision = new { decision = "approve", amount = new { amount = 300_000, currency = "CNY" }, reason = "Receipt covers 3,000.00 CNY." };
        using (var asOperator = await _driver.Client.SendAsync(_driver.Staff(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Operator, decision)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        }

        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer,
            new { decision = "approve", amount = new { amount = 900_000, currency = "CNY" }, reason = "too much" }, HttpStatusCode.UnprocessableEntity);
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer,
            new { decision = "maybe", reason = "" }, HttpStatusCode.BadRequest);

        var approved = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer, decision);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(300_000, approved.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        var repeated = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer, decision);
        Assert.Equal("approved", repeated.GetProperty("status").GetString());
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer,
            new { decision = "reject", reason = "changed my mind" }, HttpStatusCode.Conflict);

        var body = _driver.Serialize(new { claimId, payoutReference = ClaimsDriver.NewId("pay") });
        using var confirmed = await _driver.Client.SendAsync(_driver.SignedWebhook($"api/claims/{claimId}/payout-confirmation", body, ClaimsDriver.NewId("pay-msg"), "Webhooks:Payments:Secrets"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        using var forged = await _driver.Client.SendAsync(_driver.SignedWebhook($"api/claims/{claimId}/payout-confirmation", body, ClaimsDriver.NewId("pay-msg"), "Webhooks:Claims:Secrets"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        var status = await _driver.StatusAsync(claimId, token);
        Assert.Equal("prepaid", status.GetProperty("status").GetString());
        Assert.Equal(300_000, status.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        await _driver.WaitSettledAsync(claimId);
        Assert.Equal(5, (await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId))).Count);
    }

    [Fact]
    public async Task A_claim_filed_after_the_window_is_rejected_citing_the_window_rule()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 1_000, occurredAt: _driver.Now.AddDays(-120)));

        var rejected = await _driver.WaitForStatusAsync(claimId, token, "rejected");

        Assert.Equal("claim_window_expired", rejected.GetProperty("reasonCode").GetString());
        var rule = rejected.GetProperty("rule");
        Assert.Equal("claims.window", rule.GetProperty("id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("citation").GetString()));
        await _driver.WaitSettledAsync(claimId);
        Assert.Empty(await _driver.ClaimLedgerLinesAsync(claimId));
        var audit = await fixture.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, null, Claim.Resource(claimId), null));
        Assert.Contains(audit.Entries, e => e.Action == "claim.rejected" && e.Rule == "claims.window");
        Assert.Contains(audit.Entries, e => e.Action == "claim.received");
    }

    [Fact]
    public async Task A_claim_against_an_unknown_app_is_rejected_as_unknown_app()
    {
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(ClaimsDriver.NewId("ghost-app"), amount: 1_000));

        var rejected = await _driver.WaitForStatusAsync(claimId, token, "rejected");

        Assert.Equal("unknown_app", rejected.GetProperty("reasonCode").GetString());
        Assert.Equal("claims.advance-compensation", rejected.GetProperty("rule").GetProperty("id").GetString());
        await _driver.WaitSettledAsync(claimId);
        var audit = await fixture.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, null, Claim.Resource(claimId), null));
        Assert.Contains(audit.Entries, e => e.Action == "claim.rejected" && e.Rule == "claims.advance-compensation" && e.Details["reasonCode"] == "unknown_app");
    }

    [Fact]
    public async Task A_claim_without_evidence_or_from_a_frequent_claimant_goes_to_review()
    {
        var appId = await _driver.RegisterAppAsync();
        var (noEvidence, noEvidenceToken) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 1_000, evidence: false));
        Assert.Equal("no_evidence", (await _driver.WaitForStatusAsync(noEvidence, noEvidenceToken, "under_review")).GetProperty("reasonCode").GetString());

        var user = ClaimsDriver.NewId("user");
        var tokens = new List<(string, string)>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 1_000, userId: user)));
            await _driver.WaitSettledAsync(tokens[^1].Item1);
        }

        var (fourth, fourthToken) = tokens[^1];
        var status = await _driver.StatusAsync(fourth, fourthToken);
        Assert.Equal("under_review", status.GetProperty("status").GetString());
        Assert.Equal("user_claim_limit_reached", status.GetProperty("reasonCode").GetString());
        Assert.Equal("approved", (await _driver.StatusAsync(tokens[0].Item1, tokens[0].Item2)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_status_needs_the_claims_own_token()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 2_000));
        var (otherId, otherToken) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 2_000));

        var status = await _driver.StatusAsync(claimId, token);
        Assert.Equal(claimId, status.GetProperty("claimId").GetString());
        Assert.Equal(2_000, status.GetProperty("amountClaimed").GetProperty("amount").GetInt64());
        Assert.False(status.TryGetProperty("userId", out _));

        foreach (var path in new[]
        {
            $"api/claims/{claimId}/status?token={Uri.EscapeDataString(otherToken)}",
            $"api/claims/{claimId}/status?token={Uri.EscapeDataString(token[..^1])}",
            $"api/claims/{claimId}/status",
            $"api/claims/clm_00000000000000000000000000000000/status?token={Uri.EscapeDataString(token)}",
        })
        {
            using var response = await _driver.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(otherId, (await _driver.StatusAsync(otherId, otherToken)).GetProperty("claimId").GetString());
    }
}
