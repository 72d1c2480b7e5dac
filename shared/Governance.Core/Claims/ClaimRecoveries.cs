using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Json;

namespace Governance.Core.Claims;

/// <summary>
/// A claim's recoveries, as many as settlements make: one row per recovery in the claim's partition (RowKey
/// <c>recovery|{SHA-256 of the settlement reference}</c>, so any reference gives a short, valid key and one
/// settlement can record one recovery per claim), inserted in the same table transaction as the claim row update
/// that accounts for it (<see cref="ClaimStore.UpdateAsync"/>). The claim row keeps the running totals
/// (<see cref="ClaimEntity.RecoveredAmount"/>, <see cref="ClaimEntity.Outstanding"/>), the count, the latest
/// reference and the recoveries whose postings may not be made yet; views read the rows with a partition query.
/// Rows written before recovery rows existed keep theirs in <see cref="ClaimEntity.RecoveriesJson"/>
/// (<see cref="Legacy"/>), read together with the rows.
/// </summary>
public static class ClaimRecoveries
{
    public const string RowKeyPrefix = "recovery|";

    /// <summary>The first row key after every recovery row ('}' follows '|').</summary>
    public const string RowKeyRangeEnd = "recovery}";

    /// <summary>Orders a claim's recovery rows (1, 2, ...), which their hashed keys do not.</summary>
    public const string SequenceProperty = "Sequence";

    public static string RowKey(string reference)
        => RowKeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)));

    /// <summary>
    /// Records a recovery on the claim: its row is inserted with the next update of the row, whose totals it
    /// changes here; its ledger posting is left to <see cref="ClaimFollowUp"/> (<see cref="Pending"/>).
    /// </summary>
    public static void Add(ClaimEntity claim, ClaimRecovery recovery)
    {
        claim.Outstanding -= recovery.Amount;
        claim.RecoveredAmount += recovery.Amount;
        claim.RecoveryCount++;
        claim.LastRecoveryReference = recovery.Reference;
        SetPending(claim, [.. Pending(claim), recovery]);
        claim.MarkRowDue(new TableEntity(claim.ClaimId, RowKey(recovery.Reference))
        {
            [SequenceProperty] = claim.RecoveryCount,
            ["Reference"] = recovery.Reference,
            ["Amount"] = recovery.Amount,
            ["At"] = recovery.At,
        });
        claim.PendingWork = true;
    }

    public static ClaimRecovery FromRow(TableEntity row)
        => new(row.GetString("Reference") ?? string.Empty, row.GetInt64("Amount") ?? 0, row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);

    /// <summary>Recoveries recorded on the row whose ledger postings may not have been made yet.</summary>
    public static IReadOnlyList<ClaimRecovery> Pending(ClaimEntity claim)
        => string.IsNullOrEmpty(claim.PendingRecoveriesJson) ? [] : JsonSerializer.Deserialize<List<ClaimRecovery>>(claim.PendingRecoveriesJson, GovernanceJson.Options) ?? [];

    public static void SetPending(ClaimEntity claim, IReadOnlyList<ClaimRecovery> recoveries)
        => claim.PendingRecoveriesJson = recoveries.Count == 0 ? string.Empty : JsonSerializer.Serialize(recoveries, GovernanceJson.Options);

    /// <summary>The recoveries an earlier version kept on the claim row itself (at most a few hundred: the property's limit).</summary>
    public static IReadOnlyList<ClaimRecovery> Legacy(ClaimEntity claim)
        => string.IsNullOrEmpty(claim.RecoveriesJson) ? [] : JsonSerializer.Deserialize<List<ClaimRecovery>>(claim.RecoveriesJson, GovernanceJson.Options) ?? [];
}
