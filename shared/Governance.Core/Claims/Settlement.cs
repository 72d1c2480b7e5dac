using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Claims;

/// <summary>One claim's share of a settlement, fixed when the settlement is recorded.</summary>
public sealed record SettlementPlanItem(string ClaimId, long Amount);

/// <summary>
/// A settlement from an app as an aggregate: the request and the allocation plan made for it, recorded before any
/// money moves (so a resumed settlement allocates exactly what the first attempt planned), and, once every planned
/// claim has its share, the result. Completing it owes the posting of what could not be allocated (only when planned
/// claims were paid otherwise meanwhile), its audit entry and its timeline fact (<c>recovery.settled</c>), each idempotent
/// by its id.
/// </summary>
public sealed record Settlement(string AppId, string Reference, MoneyAmount Amount, IReadOnlyList<SettlementPlanItem> Plan, DateTimeOffset RecordedAt)
{
    public const string SettledAction = "recourse.settled";

    /// <summary>Plan and result of this many claims fit in one row with room to spare.</summary>
    public const int MaxClaims = 1000;

    public SettlementResult? Result { get; init; }

    /// <summary>The aggregate id: app ids never contain '|', so the reference is whatever follows the first one.</summary>
    public static string Id(string appId, string reference) => appId + "|" + reference;

    public static string Resource(string appId, string reference) => $"{App.Resource(appId)}/settlements/{reference}";

    public static string UnallocatedPostingId(string appId, string reference) => $"settlement:{appId}:{reference}:unallocated";

    public static Change<Settlement> Record(string appId, string reference, MoneyAmount amount, IReadOnlyList<SettlementPlanItem> plan, DateTimeOffset now)
        => new(new Settlement(appId, reference, amount, plan, now));

    /// <summary>The result of the allocations made, settled at <paramref name="now"/>; null when the settlement is complete already.</summary>
    public Change<Settlement>? Complete(IEnumerable<SettlementAllocation> allocations, AuditActor actor, DateTimeOffset now)
    {
        if (Result is not null)
        {
            return null;
        }

        var sorted = allocations.OrderBy(a => a.ClaimId, StringComparer.Ordinal).ToList();
        var unallocated = Amount.Amount - sorted.Sum(a => a.Amount.Amount);
        var result = new SettlementResult(AppId, Reference, Amount, sorted, new MoneyAmount(unallocated, Amount.Currency));
        var change = new Change<Settlement>(this with { Result = result });
        if (unallocated > 0)
        {
            // Keep the money the planned claims no longer needed, owed back to the app.
            change = change.Then(LedgerFollowUp.Of(LedgerPosting.Create(UnallocatedPostingId(AppId, Reference), Amount.Currency,
                $"Unallocated part of settlement {Reference} from app {AppId}",
                LedgerLine.DebitOf(LedgerAccounts.PlatformCash, unallocated),
                LedgerLine.CreditOf(LedgerAccounts.RecourseUnallocated(AppId), unallocated))));
        }

        var resource = Resource(AppId, Reference);
        return change
            .Then(AuditFollowUp.Of(new AuditRecord(actor, SettledAction, resource, "completed", PolicyRuleIds.ClaimsRecourse, AuditDetails(result)), resource + ":" + SettledAction))
            .Then(TimelineFollowUp.Of(TimelineKinds.RecoverySettled, Id(AppId, Reference), now, new RecoverySettledFact(AppId, Reference, Amount,
                new MoneyAmount(Amount.Amount - unallocated, Amount.Currency), sorted.Count)));
    }

    /// <summary>Small whatever the number of claims: the count, the totals and a hash of the allocations (each claim's own entry names its share).</summary>
    public static Dictionary<string, string> AuditDetails(SettlementResult result)
    {
        var lines = new StringBuilder();
        foreach (var allocation in result.Allocations.OrderBy(a => a.ClaimId, StringComparer.Ordinal))
        {
            lines.Append(allocation.ClaimId).Append('=').Append(allocation.Amount.Amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return new Dictionary<string, string>
        {
            ["amount"] = $"{result.Amount.Amount} {result.Amount.Currency}",
            ["allocatedClaims"] = result.Allocations.Count.ToString(CultureInfo.InvariantCulture),
            ["allocated"] = $"{result.Allocations.Sum(a => a.Amount.Amount)} {result.Amount.Currency}",
            ["unallocated"] = $"{result.Unallocated.Amount} {result.Unallocated.Currency}",
            ["allocationsSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString()))),
        };
    }
}

/// <summary>The timeline's summary of a settled recovery: the app, its reference, what it paid, how much went to how many claims.</summary>
public sealed record RecoverySettledFact(string AppId, string Reference, MoneyAmount Amount, MoneyAmount Allocated, int AllocatedClaims);

/// <summary>
/// Settlements in the <c>Claims</c> table, one partition each: <c>settlement|{appId}|{reference key}</c>, RowKey
/// <c>settlement</c> (never a claim partition, whatever reference an operator chooses).
/// </summary>
public sealed class SettlementMap : JsonAggregateMap<Settlement>
{
    public const string PartitionPrefix = "settlement|";
    public const string SettlementRowKey = "settlement";

    public override string Table => TableNames.Claims;

    public override string Name => "Settlement";

    public override string PartitionKey(string id)
    {
        var split = id.IndexOf('|', StringComparison.Ordinal);
        return $"{PartitionPrefix}{id[..split]}|{TableKey.FromInput(id[(split + 1)..])}";
    }

    public override string RowKey(string id) => SettlementRowKey;

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(Settlement state) =>
    [
        new("AppId", state.AppId),
        new("Reference", state.Reference),
        new("State", state.Result is null ? "pending" : "completed"),
    ];
}
