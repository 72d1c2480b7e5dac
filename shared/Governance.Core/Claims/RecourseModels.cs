using Governance.Core.Ledger;
using Governance.Core.Policies;

namespace Governance.Core.Claims;

/// <summary>Body of <c>POST /api/recourse/{appId}/settlements</c>.</summary>
public sealed record SettlementRequest(long? Amount, string? Currency, string? Reference);

public sealed record SettlementAllocation(string ClaimId, MoneyAmount Amount, string Status);

public sealed record SettlementResult(string AppId, string Reference, MoneyAmount Amount, IReadOnlyList<SettlementAllocation> Allocations, MoneyAmount Unallocated);

/// <summary>Body of <c>POST /api/claims/{claimId}/write-off</c>.</summary>
public sealed record WriteOffRequest(string? Reason);

public sealed record RecourseClaimView(
    string ClaimId,
    string Status,
    MoneyAmount Approved,
    MoneyAmount Outstanding,
    DateTimeOffset? PrepaidAt,
    DateTimeOffset? RecourseOpenedAt,
    DateTimeOffset? RecourseDueAt,
    bool Overdue);

/// <summary>
/// An app's recourse: one page of its open claims (oldest payout first; <see cref="ContinuationToken"/> for the next),
/// what they owe in all per currency, and the receivable's ledger balance: both from the ledger's running totals.
/// </summary>
public sealed record RecourseView(
    string AppId,
    IReadOnlyList<RecourseClaimView> OpenClaims,
    IReadOnlyList<LedgerAmount> Outstanding,
    IReadOnlyList<LedgerAmount> LedgerBalance,
    string? ContinuationToken = null);
