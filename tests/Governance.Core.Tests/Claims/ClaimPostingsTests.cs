using Governance.Core.Claims;
using Governance.Core.Ledger;
using static Governance.Core.Tests.Claims.ClaimSamples;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimPostingsTests
{
    [Fact]
    public void An_approval_is_one_posting_with_both_pairs_in_the_claims_currency()
    {
        var posting = ClaimPostings.Approval(Approved(900));

        Assert.Equal($"claim:{ClaimId}:approval", posting.PostingId);
        Assert.Equal("CNY", posting.Currency);
        Assert.Equal(
            new[]
            {
                LedgerLine.DebitOf("advance_compensation_expense", 900),
                LedgerLine.CreditOf("payable:user:u-7f3a", 900),
                LedgerLine.DebitOf("recourse_receivable:app:app-42", 900),
                LedgerLine.CreditOf("advance_compensation_recovery", 900),
            },
            posting.Lines);
        Assert.Empty(posting.Problems());
    }

    [Fact]
    public void Payout_recovery_and_write_off_postings_keep_their_ids_and_lines()
    {
        var claim = InRecourse(900) with { WrittenOffAmount = 200 };

        Assert.Equal([LedgerLine.DebitOf("payable:user:u-7f3a", 900), LedgerLine.CreditOf("platform_cash", 900)], ClaimPostings.Payout(claim).Lines);
        var recovery = ClaimPostings.Recovery(claim, new ClaimRecovery("wire-1", 600, Now));
        Assert.Equal(($"claim:{ClaimId}:recovery:wire-1", 600L), (recovery.PostingId, recovery.TotalDebit));
        Assert.Equal([LedgerLine.DebitOf("platform_cash", 600), LedgerLine.CreditOf("recourse_receivable:app:app-42", 600)], recovery.Lines);
        Assert.Equal([LedgerLine.DebitOf("recourse_write_off_expense", 200), LedgerLine.CreditOf("recourse_receivable:app:app-42", 200)], ClaimPostings.WriteOff(claim).Lines);
        Assert.Equal($"claim:{ClaimId}:write-off", ClaimPostings.WriteOff(claim).PostingId);
    }

    [Fact]
    public void An_undecided_claim_has_no_approval_to_post()
        => Assert.Throws<InvalidOperationException>(() => ClaimPostings.Approval(UnderReview()));
}
