using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Storage;

namespace Governance.Core.Claims;

/// <summary>
/// Claims in the <c>Claims</c> table: PartitionKey = claim id, RowKey <c>claim</c> (the state as JSON, with plain
/// columns for people reading the table). The partition also holds the claim's recovery rows (RowKey
/// <c>recovery|{SHA-256 of the settlement reference}</c>: any reference gives a short, valid key, and one settlement
/// can record one recovery per claim) and its outbox rows. Settlements live in partitions <c>settlement|…</c>.
/// </summary>
public sealed class ClaimMap : JsonAggregateMap<Claim>
{
    public const string ClaimRowKey = "claim";
    public const string RecoveryPrefix = "recovery|";

    /// <summary>The first row key after every recovery row ('}' follows '|').</summary>
    public const string RecoveryRangeEnd = "recovery}";

    public override string Table => TableNames.Claims;

    public override string Name => "Claim";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => ClaimRowKey;

    public static string RecoveryRowKey(string reference)
        => RecoveryPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)));

    /// <summary>A recovery row is inserted, never replaced: a second recovery of the same settlement fails the commit.</summary>
    public override TableTransactionAction ChildAction(string id, object child) => child switch
    {
        ClaimRecoveryRow row => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(id, RecoveryRowKey(row.Recovery.Reference))
        {
            ["Sequence"] = row.Sequence,
            ["Reference"] = row.Recovery.Reference,
            ["Amount"] = row.Recovery.Amount,
            ["At"] = row.Recovery.At,
        }),
        _ => base.ChildAction(id, child),
    };

    public static ClaimRecoveryRow RecoveryFromRow(TableEntity row)
        => new(row.GetInt32("Sequence") ?? 0, new ClaimRecovery(row.GetString("Reference") ?? string.Empty, row.GetInt64("Amount") ?? 0, row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(Claim state) =>
    [
        new("Status", ClaimStateMachine.ToWire(state.Status)),
        new("AppId", state.Filing.AppId),
        new("ReceivedAt", state.ReceivedAt),
        new("UpdatedAt", state.UpdatedAt),
    ];
}
