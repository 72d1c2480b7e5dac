using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Json;
using Governance.Core.Policies;

namespace Governance.Core.Claims;

/// <summary>
/// A claim as stored in the <c>Claims</c> table (PartitionKey = claim id, RowKey = <c>claim</c>). The row is
/// the source of truth: ledger postings, audit entries and notifications are derived from it idempotently,
/// and <see cref="PendingWork"/> says that some of them may not have happened yet. Its domain events are
/// not derived afterwards: they are recorded by the outbox in the same partition, in the same transaction
/// as the change that causes them (<see cref="ClaimEvents"/>), under row keys the claim never uses. So are
/// its recoveries, one row each (<see cref="ClaimRecoveries"/>): the claim row keeps only their totals.
/// </summary>
public sealed class ClaimEntity : ITableEntity
{
    public const string ClaimRowKey = "claim";

    private readonly List<string> _eventsDue = [];
    private readonly List<ITableEntity> _rowsDue = [];

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = ClaimRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ClaimId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string WebhookId { get; set; } = string.Empty;

    public string ExternalReference { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string AppId { get; set; } = string.Empty;

    public string OrderId { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    public string DamageCategory { get; set; } = string.Empty;

    public string DamageDescription { get; set; } = string.Empty;

    public long ClaimedAmount { get; set; }

    public string Currency { get; set; } = string.Empty;

    public string EvidenceJson { get; set; } = "[]";

    public int EvidenceCount { get; set; }

    public string StatusTokenHash { get; set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long? ApprovedAmount { get; set; }

    public string? ReasonCode { get; set; }

    public string? Reason { get; set; }

    public string? Rule { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? PrepaidAt { get; set; }

    public string? PayoutReference { get; set; }

    public DateTimeOffset? RecourseOpenedAt { get; set; }

    public DateTimeOffset? RecourseDueAt { get; set; }

    public DateTimeOffset? RecourseOverdueAt { get; set; }

    /// <summary>What the app still owes for this claim (minor units).</summary>
    public long Outstanding { get; set; }

    public long RecoveredAmount { get; set; }

    /// <summary>How many recovery rows the claim's partition holds (<see cref="ClaimRecoveries"/>).</summary>
    public int RecoveryCount { get; set; }

    /// <summary>The settlement reference of the latest recovery: the one that completed it, once recovered.</summary>
    public string? LastRecoveryReference { get; set; }

    /// <summary>Recoveries in this row's recovery rows whose ledger postings may not be made yet (JSON list, <see cref="ClaimRecoveries"/>).</summary>
    public string PendingRecoveriesJson { get; set; } = string.Empty;

    /// <summary>
    /// Recoveries as rows written before recovery rows existed kept them, all in this one property (JSON list).
    /// Never written any more, but kept (a replace without it would drop them) and read with the rows.
    /// </summary>
    public string RecoveriesJson { get; set; } = "[]";

    public DateTimeOffset? RecoveredAt { get; set; }

    public DateTimeOffset? WrittenOffAt { get; set; }

    public long WrittenOffAmount { get; set; }

    public string? WriteOffReason { get; set; }

    public bool PendingWork { get; set; }

    /// <summary>Audit entries for changes in this row not yet appended to the audit log (JSON list).</summary>
    public string PendingAuditJson { get; set; } = string.Empty;

    /// <summary>Status changes in this row whose status webhooks may not have been queued yet (JSON list, <see cref="ClaimStatusChanges"/>).</summary>
    public string PendingStatusChangesJson { get; set; } = string.Empty;

    public bool RecourseOpenedNotified { get; set; }

    public bool RecourseOverdueNotified { get; set; }

    public ClaimStatus GetStatus() => ClaimStateMachine.Parse(Status);

    public void SetStatus(ClaimStatus status) => Status = ClaimStateMachine.ToWire(status);

    [IgnoreDataMember]
    public MoneyAmount Claimed => new(ClaimedAmount, Currency);

    [IgnoreDataMember]
    public MoneyAmount? Approved => ApprovedAmount is { } amount ? new MoneyAmount(amount, Currency) : null;

    /// <summary>
    /// Event types (<see cref="Events.EventTypes"/>) that the change made to this instance causes and that the
    /// next <see cref="ClaimStore.UpdateAsync"/> records with it. Not stored: a row read back has none.
    /// </summary>
    [IgnoreDataMember]
    public IReadOnlyCollection<string> EventsDue => _eventsDue;

    public void MarkEventDue(string eventType)
    {
        if (!_eventsDue.Contains(eventType, StringComparer.Ordinal))
        {
            _eventsDue.Add(eventType);
        }
    }

    public void ClearEventsDue() => _eventsDue.Clear();

    /// <summary>
    /// New rows of the claim's partition (its recoveries, <see cref="ClaimRecoveries.Add"/>) that the next
    /// <see cref="ClaimStore.UpdateAsync"/> inserts in the same transaction as this row. Not stored.
    /// </summary>
    [IgnoreDataMember]
    public IReadOnlyCollection<ITableEntity> RowsDue => _rowsDue;

    public void MarkRowDue(ITableEntity row) => _rowsDue.Add(row);

    public void ClearRowsDue() => _rowsDue.Clear();

    public IReadOnlyList<EvidenceItem> GetEvidence()
        => JsonSerializer.Deserialize<List<EvidenceItem>>(EvidenceJson, GovernanceJson.Options) ?? [];
}

/// <summary>Part of a settlement allocated to one claim.</summary>
public sealed record ClaimRecovery(string Reference, long Amount, DateTimeOffset At);
