using Governance.Core.Events;

namespace Governance.Core.Audit;

/// <summary>An audit entry a change owes, appended by the relay after the commit, once (its id is the record id).</summary>
public static class AuditFollowUp
{
    public const string Type = "audit";

    /// <param name="recordId">Deterministic id of the logical event, e.g. <c>claims/{claimId}:approved</c>.</param>
    public static FollowUp Of(AuditRecord record, string recordId)
        => FollowUp.Create(Type, recordId, record with { RecordId = recordId });
}

public sealed class AuditFollowUpHandler(IAuditLog log) : IFollowUpHandler
{
    public string Type => AuditFollowUp.Type;

    public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
        => log.AppendAsync(followUp.Read<AuditRecord>() with { RecordId = followUp.Id }, cancellationToken);
}
