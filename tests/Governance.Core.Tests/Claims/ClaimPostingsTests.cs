using Governance.Core.Claims;
using Governance.Core.Ledger;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimPostingsTests
{
    private static ClaimEntity Claim(ClaimStatus status, long approved = 900)
    {
        var claim = new ClaimEntity { ClaimId = "clm_1", UserId = "u-9", AppId = "maps", Currency = "CNY", ClaimedAmount = 1_000, ApprovedAmount = approved, Outstanding = approved };
        claim.SetStatus(status);
        return claim;
    }

    [Theory]
    [InlineData(ClaimStatus.Received)]
    [InlineData(ClaimStatus.UnderReview)]
    [InlineData(ClaimStatus.Rejected)]
    public void Undecided_or_rejected_claims_post_nothing(ClaimStatus status) => Assert.Empty(ClaimPostings.For(Claim(status)));

    [Fact]
    public void An_approval_is_one_posting_with_both_pairs_in_the_claims_currency()
    {
        var posting = Assert.Single(ClaimPostings.For(Claim(ClaimStatus.Approved)));

        Assert.Equal("claim:clm_1:approval", posting.PostingId);
        Assert.Equal("CNY", posting.Currency);
        Assert.Equal(
            new[]
            {
                LedgerLine.DebitOf("advance_compensation_expense", 900),
                LedgerLine.CreditOf("payable:user:u-9", 900),
                LedgerLine.DebitOf("recourse_receivable:app:maps", 900),
                LedgerLine.CreditOf("advance_compensation_recovery", 900),
            },
            posting.Lines);
        Assert.Empty(posting.Problems());
    }

    [Fact]
    public void Payout_recoveries_and_write_off_settle_the_payable_and_the_receivable()
    {
        var claim = Claim(ClaimStatus.WrittenOff);
        claim.PrepaidAt = DateTimeOffset.UnixEpoch;
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-1", 600, DateTimeOffset.UnixEpoch));
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-2", 100, DateTimeOffset.UnixEpoch));
        claim.WrittenOffAt = DateTimeOffset.UnixEpoch;
        claim.WrittenOffAmount = 200;

        var postings = ClaimPostings.For(claim);

        Assert.Equal(new[] { "claim:clm_1:approval", "claim:clm_1:payout", "claim:clm_1:recovery:wire-1", "claim:clm_1:recovery:wire-2", "claim:clm_1:write-off" }, postings.Select(p => p.PostingId));
        var balance = TrialBalance.From(postings.SelectMany(p => p.Lines.Select(l => (l.Account, p.Currency, l.Debit, l.Credit))), postings.Count);
        Assert.True(balance.Balanced);
        decimal Balance(string account) => balance.Accounts.Single(a => a.Account == account).Balance;
        Assert.Equal(0, Balance("payable:user:u-9"));
        Assert.Equal(0, Balance("recourse_receivable:app:maps"));
        Assert.Equal(-200, Balance("platform_cash"));
        Assert.Equal(200, Balance("recourse_write_off_expense"));
    }

    [Fact]
    public void Only_recoveries_not_yet_posted_are_posted_again_and_those_an_earlier_version_kept_on_the_row_still_are()
    {
        var claim = Claim(ClaimStatus.RecourseOpen);
        claim.PrepaidAt = DateTimeOffset.UnixEpoch;
        claim.RecoveriesJson = "[{\"reference\":\"old-wire\",\"amount\":100,\"at\":\"2025-01-01T00:00:00+00:00\"}]";
        claim.RecoveryCount = 300;
        ClaimRecoveries.Add(claim, new ClaimRecovery("wire-301", 50, DateTimeOffset.UnixEpoch));

        var ids = ClaimPostings.For(claim).Select(p => p.PostingId).ToList();

        Assert.Equal(new[] { "claim:clm_1:approval", "claim:clm_1:payout", "claim:clm_1:recovery:old-wire", "claim:clm_1:recovery:wire-301" }, ids);
        ClaimRecoveries.SetPending(claim, []);
        Assert.DoesNotContain("claim:clm_1:recovery:wire-301", ClaimPostings.For(claim).Select(p => p.PostingId));
    }
}
