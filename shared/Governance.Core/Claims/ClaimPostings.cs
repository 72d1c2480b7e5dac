using Governance.Core.Ledger;

namespace Governance.Core.Claims;

/// <summary>
/// The ledger postings a claim's stored state implies and that may not be made yet. Each has a posting id derived
/// from the claim id (and the settlement reference), so posting them again after a crash or a duplicate message is
/// a no-op.
/// </summary>
public static class ClaimPostings
{
    public static string ApprovalId(string claimId) => $"claim:{claimId}:approval";

    public static string PayoutId(string claimId) => $"claim:{claimId}:payout";

    public static string RecoveryId(string claimId, string reference) => $"claim:{claimId}:recovery:{reference}";

    public static string WriteOffId(string claimId) => $"claim:{claimId}:write-off";

    public static IReadOnlyList<LedgerPosting> For(ClaimEntity claim)
    {
        var postings = new List<LedgerPosting>();
        if (!ClaimStateMachine.IsApprovedOrLater(claim.GetStatus()) || claim.ApprovedAmount is not { } approved)
        {
            return postings;
        }

        var id = claim.ClaimId;
        var currency = claim.Currency;
        var payable = LedgerAccounts.UserPayable(claim.UserId);
        var receivable = LedgerAccounts.RecourseReceivable(claim.AppId);
        postings.Add(LedgerPosting.Create(ApprovalId(id), currency, $"Advance compensation approved for claim {id}",
            LedgerLine.DebitOf(LedgerAccounts.AdvanceCompensationExpense, approved),
            LedgerLine.CreditOf(payable, approved),
            LedgerLine.DebitOf(receivable, approved),
            LedgerLine.CreditOf(LedgerAccounts.AdvanceCompensationRecovery, approved)));

        if (claim.PrepaidAt is not null)
        {
            postings.Add(LedgerPosting.Create(PayoutId(id), currency, $"Advance compensation paid out for claim {id}",
                LedgerLine.DebitOf(payable, approved),
                LedgerLine.CreditOf(LedgerAccounts.PlatformCash, approved)));
        }

        // Only the recoveries whose postings may be missing: a claim can have any number of recoveries, and the
        // follow-up runs after each of them. Rows of an earlier version list theirs on the row (a bounded number).
        foreach (var recovery in ClaimRecoveries.Legacy(claim).Concat(ClaimRecoveries.Pending(claim)))
        {
            postings.Add(LedgerPosting.Create(RecoveryId(id, recovery.Reference), currency, $"Recovered from app {claim.AppId} for claim {id} (settlement {recovery.Reference})",
                LedgerLine.DebitOf(LedgerAccounts.PlatformCash, recovery.Amount),
                LedgerLine.CreditOf(receivable, recovery.Amount)));
        }

        if (claim.WrittenOffAt is not null && claim.WrittenOffAmount > 0)
        {
            postings.Add(LedgerPosting.Create(WriteOffId(id), currency, $"Recourse written off for claim {id}",
                LedgerLine.DebitOf(LedgerAccounts.RecourseWriteOffExpense, claim.WrittenOffAmount),
                LedgerLine.CreditOf(receivable, claim.WrittenOffAmount)));
        }

        return postings;
    }
}
