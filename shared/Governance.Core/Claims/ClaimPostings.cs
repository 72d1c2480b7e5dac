using Governance.Core.Ledger;

namespace Governance.Core.Claims;

/// <summary>
/// The ledger postings a claim's changes owe (as <see cref="LedgerFollowUp"/>s). Each has a posting id derived from the
/// claim id (and the settlement reference), so the ledger records it once, whatever the retries.
/// </summary>
public static class ClaimPostings
{
    public static string ApprovalId(string claimId) => $"claim:{claimId}:approval";

    public static string PayoutId(string claimId) => $"claim:{claimId}:payout";

    public static string RecoveryId(string claimId, string reference) => $"claim:{claimId}:recovery:{reference}";

    public static string WriteOffId(string claimId) => $"claim:{claimId}:write-off";

    /// <summary>Debit the expense, credit the user's payable; debit the app's receivable, credit the expected recovery.</summary>
    public static LedgerPosting Approval(Claim claim)
    {
        var approved = claim.ApprovedAmount ?? throw new InvalidOperationException($"Claim '{claim.ClaimId}' has no approved amount.");
        return LedgerPosting.Create(ApprovalId(claim.ClaimId), claim.Currency, $"Advance compensation approved for claim {claim.ClaimId}",
            LedgerLine.DebitOf(LedgerAccounts.AdvanceCompensationExpense, approved),
            LedgerLine.CreditOf(LedgerAccounts.UserPayable(claim.Filing.UserId), approved),
            LedgerLine.DebitOf(LedgerAccounts.RecourseReceivable(claim.Filing.AppId), approved),
            LedgerLine.CreditOf(LedgerAccounts.AdvanceCompensationRecovery, approved));
    }

    public static LedgerPosting Payout(Claim claim)
    {
        var approved = claim.ApprovedAmount ?? throw new InvalidOperationException($"Claim '{claim.ClaimId}' has no approved amount.");
        return LedgerPosting.Create(PayoutId(claim.ClaimId), claim.Currency, $"Advance compensation paid out for claim {claim.ClaimId}",
            LedgerLine.DebitOf(LedgerAccounts.UserPayable(claim.Filing.UserId), approved),
            LedgerLine.CreditOf(LedgerAccounts.PlatformCash, approved));
    }

    public static LedgerPosting Recovery(Claim claim, ClaimRecovery recovery)
        => LedgerPosting.Create(RecoveryId(claim.ClaimId, recovery.Reference), claim.Currency,
            $"Recovered from app {claim.Filing.AppId} for claim {claim.ClaimId} (settlement {recovery.Reference})",
            LedgerLine.DebitOf(LedgerAccounts.PlatformCash, recovery.Amount),
            LedgerLine.CreditOf(LedgerAccounts.RecourseReceivable(claim.Filing.AppId), recovery.Amount));

    public static LedgerPosting WriteOff(Claim claim)
        => LedgerPosting.Create(WriteOffId(claim.ClaimId), claim.Currency, $"Recourse written off for claim {claim.ClaimId}",
            LedgerLine.DebitOf(LedgerAccounts.RecourseWriteOffExpense, claim.WrittenOffAmount),
            LedgerLine.CreditOf(LedgerAccounts.RecourseReceivable(claim.Filing.AppId), claim.WrittenOffAmount));
}
