using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Json;

namespace Governance.Core.Claims;

/// <summary>An audit entry recorded on the claim row with the change it describes, appended to the log afterwards.</summary>
public sealed record PendingAudit(string Id, string ActorKind, string ActorId, string? ActorRole, string Action, string Outcome, string? Rule, Dictionary<string, string> Details)
{
    /// <summary>
    /// The entry to append, under record id <c>claims/{claimId}:{Id}</c>: <see cref="Id"/> is stored on the claim row
    /// with the change, so every run of the follow-up appends the same event and the log keeps it once.
    /// </summary>
    public AuditRecord ToRecord(string claimId)
        => new(new AuditActor(ActorKind, ActorId, ActorRole), Action, ClaimTransitions.Resource(claimId), Outcome, Rule,
            new Dictionary<string, string>(Details, StringComparer.Ordinal) { [IdDetail] = Id })
        {
            RecordId = RecordId(claimId, Id),
        };

    public static string RecordId(string claimId, string auditId) => ClaimTransitions.Resource(claimId) + ":" + auditId;

    /// <summary>The audit detail that carries <see cref="Id"/>, so an entry can be matched to the change it records.</summary>
    public const string IdDetail = "auditId";
}

/// <summary>
/// The only way a claim changes state. The move is checked against <see cref="ClaimStateMachine"/>, and its
/// audit entry is written into the same row update as the change (<c>PendingAuditJson</c>), so a crash can
/// never leave a transition unaudited: <see cref="ClaimFollowUp"/> appends it to the audit log. The domain
/// event the move causes, if any, is marked due and recorded in the same transaction as the row
/// (<see cref="ClaimEvents"/>); the change itself is recorded in the row too, for its status webhook
/// (<see cref="ClaimStatusChanges"/>).
/// </summary>
public static class ClaimTransitions
{
    public static string Resource(string claimId) => "claims/" + claimId;

    public static void Move(ClaimEntity claim, ClaimStatus to, AuditActor actor, string ruleId, DateTimeOffset now, IReadOnlyDictionary<string, string>? details = null)
    {
        var from = claim.GetStatus();
        ClaimStateMachine.EnsureCanMove(from, to);
        claim.SetStatus(to);
        claim.UpdatedAt = now;
        ClaimEvents.MarkDue(claim, to);
        ClaimStatusChanges.Add(claim, ClaimStatusChanges.ForMove(from, to, now, ruleId, details));
        var entry = new Dictionary<string, string>(details ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["from"] = ClaimStateMachine.ToWire(from),
            ["to"] = ClaimStateMachine.ToWire(to),
        };
        Record(claim, actor, "claim." + ClaimStateMachine.ToWire(to), ClaimStateMachine.ToWire(to), ruleId, entry);
    }

    /// <summary>Records an audit entry that is not a state change (intake, a partial recovery, an overdue mark).</summary>
    public static void Record(ClaimEntity claim, AuditActor actor, string action, string outcome, string? ruleId, Dictionary<string, string> details)
    {
        var pending = GetPendingAudits(claim).ToList();
        pending.Add(new PendingAudit(Guid.NewGuid().ToString("N"), actor.Kind, actor.Id, actor.Role, action, outcome, ruleId, details));
        SetPendingAudits(claim, pending);
        claim.PendingWork = true;
    }

    public static IReadOnlyList<PendingAudit> GetPendingAudits(ClaimEntity claim)
        => string.IsNullOrEmpty(claim.PendingAuditJson) ? [] : JsonSerializer.Deserialize<List<PendingAudit>>(claim.PendingAuditJson, GovernanceJson.Options) ?? [];

    public static void SetPendingAudits(ClaimEntity claim, IReadOnlyList<PendingAudit> audits)
        => claim.PendingAuditJson = audits.Count == 0 ? string.Empty : JsonSerializer.Serialize(audits, GovernanceJson.Options);
}
