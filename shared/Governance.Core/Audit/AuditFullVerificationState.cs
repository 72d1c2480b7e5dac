using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Json;

namespace Governance.Core.Audit;

/// <summary>What <c>GET /api/audit/verify</c> reports of the last full re-verification.</summary>
public sealed record AuditFullVerificationStatus(string JobId, string Status, DateTimeOffset RequestedAt)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";

    public string? RequestedBy { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the job last saved progress; a queued or running job silent for too long may be restarted.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Set once completed.</summary>
    public bool? Valid { get; init; }

    /// <summary>Entries verified so far (all of them, over every chain, once completed and valid).</summary>
    public long Entries { get; init; }

    /// <summary>Chains the job covers, and how many of them it has verified to their head.</summary>
    public int Chains { get; init; }

    public int ChainsVerified { get; init; }

    /// <summary>Once completed and valid: the combined root of the heads it verified.</summary>
    public string? HeadHash { get; init; }

    public string? Chain { get; init; }

    public long? FirstBrokenPosition { get; init; }

    public string? Reason { get; init; }
}

/// <summary>The job's row (<c>verification</c> / <c>full</c>): its status plus where the walk stands.</summary>
public sealed record AuditFullVerificationState(
    AuditFullVerificationStatus Status,
    IReadOnlyList<string> ChainList,
    AuditChainPoint Position,
    IReadOnlyList<AuditChainHead> VerifiedHeads,
    ETag? ETag)
{
    public const string RowKey = "full";

    public int ChainIndex => Status.ChainsVerified;

    public TableEntity ToRow() => new(AuditKeys.VerificationPartition, RowKey)
    {
        ["JobId"] = Status.JobId,
        ["Status"] = Status.Status,
        ["RequestedAt"] = Status.RequestedAt,
        ["RequestedBy"] = Status.RequestedBy,
        ["StartedAt"] = Status.StartedAt,
        ["CompletedAt"] = Status.CompletedAt,
        ["UpdatedAt"] = Status.UpdatedAt,
        ["Valid"] = Status.Valid,
        ["Entries"] = Status.Entries,
        ["ChainsVerified"] = Status.ChainsVerified,
        ["HeadHash"] = Status.HeadHash,
        ["Chain"] = Status.Chain,
        ["FirstBrokenPosition"] = Status.FirstBrokenPosition,
        ["Reason"] = Status.Reason,
        ["ChainList"] = JsonSerializer.Serialize(ChainList, GovernanceJson.Options),
        ["Position"] = Position.Sequence,
        ["PositionHash"] = Position.Hash,
        ["VerifiedHeads"] = JsonSerializer.Serialize(VerifiedHeads, GovernanceJson.Options),
    };

    public static AuditFullVerificationState FromRow(TableEntity row)
    {
        var chains = JsonSerializer.Deserialize<List<string>>(row.GetString("ChainList") ?? "[]", GovernanceJson.Options) ?? [];
        var status = new AuditFullVerificationStatus(
            row.GetString("JobId") ?? string.Empty,
            row.GetString("Status") ?? AuditFullVerificationStatus.Queued,
            row.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue)
        {
            RequestedBy = row.GetString("RequestedBy"),
            StartedAt = row.GetDateTimeOffset("StartedAt"),
            CompletedAt = row.GetDateTimeOffset("CompletedAt"),
            UpdatedAt = row.GetDateTimeOffset("UpdatedAt"),
            Valid = row.GetBoolean("Valid"),
            Entries = row.GetInt64("Entries") ?? 0,
            Chains = chains.Count,
            ChainsVerified = row.GetInt32("ChainsVerified") ?? 0,
            HeadHash = row.GetString("HeadHash"),
            Chain = row.GetString("Chain"),
            FirstBrokenPosition = row.GetInt64("FirstBrokenPosition"),
            Reason = row.GetString("Reason"),
        };
        return new AuditFullVerificationState(
            status,
            chains,
            new AuditChainPoint(row.GetInt64("Position") ?? 0, row.GetString("PositionHash") ?? AuditHashing.GenesisHash),
            JsonSerializer.Deserialize<List<AuditChainHead>>(row.GetString("VerifiedHeads") ?? "[]", GovernanceJson.Options) ?? [],
            row.ETag);
    }
}

/// <summary>The queue message that runs the next slice of a full re-verification.</summary>
public sealed record AuditVerificationMessage(string JobId);

/// <summary>Queues the next slice of a full re-verification (storage queue <c>AuditVerificationQueue</c> in Azure).</summary>
public interface IAuditVerificationQueue
{
    Task EnqueueAsync(AuditVerificationMessage message, CancellationToken cancellationToken = default);
}
