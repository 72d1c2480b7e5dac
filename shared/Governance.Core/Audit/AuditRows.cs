using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Audit;

/// <summary>An entry as a table row and back. Only the listed properties are hashed; <c>AppendId</c> is not.</summary>
public static class AuditRows
{
    /// <summary>Unhashed entry property naming the append call that wrote it (recognising its own lost response).</summary>
    public const string AppendIdProperty = "AppendId";

    public static TableEntity ToRow(AuditEntry entry, string detailsJson) => new(AuditKeys.ChainPartition(entry.Chain!), AuditKeys.EntryRowKey(entry.Sequence))
    {
        ["Chain"] = entry.Chain,
        ["Sequence"] = entry.Sequence,
        ["Time"] = entry.Time,
        ["ActorKind"] = entry.Actor.Kind,
        ["ActorId"] = entry.Actor.Id,
        ["ActorRole"] = entry.Actor.Role,
        ["Action"] = entry.Action,
        ["Resource"] = entry.Resource,
        ["Outcome"] = entry.Outcome,
        ["Rule"] = entry.Rule,
        ["Profile"] = entry.Profile,
        ["Details"] = detailsJson,
        ["PreviousHash"] = entry.PreviousHash,
        ["Hash"] = entry.Hash,
    };

    public static AuditEntry FromRow(TableEntity row) => new(
        row.GetInt64("Sequence") ?? throw new FormatException("Audit entry without a sequence."),
        row.GetDateTimeOffset("Time") ?? throw new FormatException("Audit entry without a time."),
        new AuditActor(row.GetString("ActorKind") ?? string.Empty, row.GetString("ActorId") ?? string.Empty, row.GetString("ActorRole")),
        row.GetString("Action") ?? string.Empty,
        row.GetString("Resource") ?? string.Empty,
        row.GetString("Outcome") ?? string.Empty,
        row.GetString("Rule"),
        row.GetString("Profile"),
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Details") ?? "{}") ?? [],
        row.GetString("PreviousHash") ?? string.Empty,
        row.GetString("Hash") ?? string.Empty)
    {
        Chain = row.GetString("Chain"),
    };

    /// <summary>Reads an entry row, or null when it cannot be read as one (a tampered row is a break, not a crash).</summary>
    public static AuditEntry? TryFromRow(TableEntity row)
    {
        try
        {
            return FromRow(row);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or InvalidCastException)
        {
            return null;
        }
    }

    public static TableEntity HeadRow(string chain, long sequence, string hash, DateTimeOffset time)
        => new(AuditKeys.ChainPartition(chain), AuditKeys.HeadRowKey) { ["Sequence"] = sequence, ["Hash"] = hash, ["Time"] = time };

    public static TableEntity IndexRow(AuditEntry entry)
        => new(AuditKeys.ChainPartition(entry.Chain!), AuditKeys.IndexRowKey(entry.Resource, entry.Sequence))
        {
            ["Sequence"] = entry.Sequence,
            ["Time"] = entry.Time,
            ["Resource"] = entry.Resource,
        };
}

/// <summary>A chain's head row as read: empty chains have sequence 0, the genesis hash and no ETag.</summary>
public sealed record StoredHead(string Chain, long Sequence, string Hash, DateTimeOffset? Time, ETag? ETag)
{
    public AuditChainHead ToChainHead() => new(Chain, Sequence, Hash);
}
