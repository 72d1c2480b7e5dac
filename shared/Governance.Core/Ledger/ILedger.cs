namespace Governance.Core.Ledger;

public interface ILedger
{
    /// <summary>
    /// Records the posting atomically, once: true when this call recorded it, false when a posting with the
    /// same id was recorded before (a retry or a duplicate). Never records it twice.
    /// </summary>
    Task<bool> PostAsync(LedgerPosting posting, CancellationToken cancellationToken = default);

    Task<bool> IsPostedAsync(string postingId, CancellationToken cancellationToken = default);

    Task<TrialBalance> GetTrialBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>The account's balance per currency (debit minus credit).</summary>
    Task<IReadOnlyList<AccountBalance>> GetAccountAsync(string account, CancellationToken cancellationToken = default);
}
