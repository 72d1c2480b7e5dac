using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Claims;

/// <summary>Issue 12, money: the same decision again is 200; a different one is a 409 naming the decision recorded.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimDecisionConflictTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task An_approval_for_another_amount_is_409_naming_the_recorded_decision_and_the_same_approval_again_is_200()
    {
        var claimId = await UnderReviewAsync(800_000);
        var approve = new { decision = "approve", amount = new { amount = 300_000, currency = "CNY" }, reason = "Receipt covers 3,000.00 CNY." };

        var first = await DecideAsync(claimId, approve);
        var again = await DecideAsync(claimId, new { decision = "approve", amount = new { amount = 300_000, currency = "CNY" }, reason = "Same, worded differently." });

        Assert.Equal(first.GetProperty("decidedAt").GetDateTimeOffset(), again.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal("Receipt covers 3,000.00 CNY.", again.GetProperty("reason").GetString());
        Assert.Equal(300_000, again.GetProperty("amountApproved").GetProperty("amount").GetInt64());

        var decidedAt = first.GetProperty("decidedAt").GetDateTimeOffset();
        foreach (var different in new object[]
        {
            new { decision = "approve", amount = new { amount = 400_000, currency = "CNY" }, reason = "More after all." },
            new { decision = "approve", reason = "All of it." },
            new { decision = "reject", reason = "Changed my mind." },
        })
        {
            var conflict = await DecideAsync(claimId, different, HttpStatusCode.Conflict);
            var detail = conflict.GetProperty("detail").GetString()!;
            Assert.Contains("approved", detail, StringComparison.Ordinal);
            Assert.Contains("300000 CNY", detail, StringComparison.Ordinal);
            Assert.Contains(decidedAt.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        }

        var stored = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{claimId}", StaffRoles.Auditor);
        Assert.Equal(300_000, stored.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        await _driver.WaitSettledAsync(claimId);
    }

    [Fact]
    public async Task An_approval_without_amount_and_one_naming_the_amount_claimed_are_the_same_decision()
    {
        var claimId = await UnderReviewAsync(30_000);

        var first = await DecideAsync(claimId, new { decision = "approve", reason = "Fine." });
        var explicitAmount = await DecideAsync(claimId, new { decision = "approve", amount = new { amount = 30_000, currency = "CNY" }, reason = "Fine." });
        var withoutAmount = await DecideAsync(claimId, new { decision = "approve", reason = "Fine." });

        Assert.Equal(30_000, first.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        Assert.Equal(first.GetProperty("decidedAt").GetDateTimeOffset(), explicitAmount.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("decidedAt").GetDateTimeOffset(), withoutAmount.GetProperty("decidedAt").GetDateTimeOffset());
        var conflict = await DecideAsync(claimId, new { decision = "approve", amount = new { amount = 29_999, currency = "CNY" }, reason = "Less." }, HttpStatusCode.Conflict);
        Assert.Contains("30000 CNY", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _driver.WaitSettledAsync(claimId);
    }

    [Fact]
    public async Task A_rejection_again_is_200_whatever_its_reason_and_an_approval_after_it_is_409_naming_the_rejection()
    {
        var claimId = await UnderReviewAsync(50_000);

        var first = await DecideAsync(claimId, new { decision = "reject", reason = "No receipt." });
        var again = await DecideAsync(claimId, new { decision = "reject", reason = "Still no receipt." });
        var conflict = await DecideAsync(claimId, new { decision = "approve", reason = "Found it." }, HttpStatusCode.Conflict);

        Assert.Equal("rejected", again.GetProperty("status").GetString());
        Assert.Equal("No receipt.", again.GetProperty("reason").GetString());
        var detail = conflict.GetProperty("detail").GetString()!;
        Assert.Contains("rejected", detail, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("decidedAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        await _driver.WaitSettledAsync(claimId);
    }

    [Fact]
    public async Task A_reviewer_decision_on_an_automatically_approved_claim_is_409_naming_the_automatic_approval()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await _driver.ApprovedClaimAsync(appId, 5_000);

        var conflict = await DecideAsync(claimId, new { decision = "approve", amount = new { amount = 4_000, currency = "CNY" }, reason = "Less." }, HttpStatusCode.Conflict);

        var detail = conflict.GetProperty("detail").GetString()!;
        Assert.Contains("approved", detail, StringComparison.Ordinal);
        Assert.Contains("5000 CNY", detail, StringComparison.Ordinal);
        Assert.Contains("claims.auto-approval", detail, StringComparison.Ordinal);
    }

    private async Task<string> UnderReviewAsync(long amount)
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount));
        await _driver.WaitForStatusAsync(claimId, token, "under_review");
        await _driver.WaitSettledAsync(claimId);
        return claimId;
    }

    private Task<JsonElement> DecideAsync(string claimId, object body, HttpStatusCode expected = HttpStatusCode.OK)
        => _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/decision", StaffRoles.Reviewer, body, expected);
}
