using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Claims;

/// <summary>
/// One status change of a claim, recorded on the claim row in the same write as the change and turned into a
/// status webhook by <see cref="ClaimFollowUp"/> (<see cref="ClaimStatusWebhooks"/>). <see cref="PreviousStatus"/>
/// is null for <c>received</c>; the reason is the decision's (approve, reject, review), when the change is one.
/// </summary>
public sealed record ClaimStatusChange(string Status, string? PreviousStatus, DateTimeOffset ChangedAt, string? Rule, string? ReasonCode = null, string? Reason = null);

/// <summary>The status changes stored on a claim row whose webhooks may not have been queued yet (<see cref="ClaimEntity.PendingStatusChangesJson"/>).</summary>
public static class ClaimStatusChanges
{
    /// <summary>Audit detail keys through which a decision passes its reason to <see cref="ClaimTransitions.Move"/>.</summary>
    public const string ReasonCodeDetail = "reasonCode";
    public const string ReasonDetail = "reason";

    public static IReadOnlyList<ClaimStatusChange> Pending(ClaimEntity claim)
        => string.IsNullOrEmpty(claim.PendingStatusChangesJson) ? [] : JsonSerializer.Deserialize<List<ClaimStatusChange>>(claim.PendingStatusChangesJson, GovernanceJson.Options) ?? [];

    public static void SetPending(ClaimEntity claim, IReadOnlyList<ClaimStatusChange> changes)
        => claim.PendingStatusChangesJson = changes.Count == 0 ? string.Empty : JsonSerializer.Serialize(changes, GovernanceJson.Options);

    /// <summary>Records a change; the caller's row write stores it and sets <see cref="ClaimEntity.PendingWork"/>.</summary>
    public static void Add(ClaimEntity claim, ClaimStatusChange change)
    {
        SetPending(claim, [.. Pending(claim), change]);
        claim.PendingWork = true;
    }

    /// <summary>The change a move records: the decision's reason only when the details carry a reason code (a write-off's reason is the platform's business with the app).</summary>
    public static ClaimStatusChange ForMove(ClaimStatus from, ClaimStatus to, DateTimeOffset now, string ruleId, IReadOnlyDictionary<string, string>? details)
    {
        var reasonCode = details?.GetValueOrDefault(ReasonCodeDetail);
        return new ClaimStatusChange(ClaimStateMachine.ToWire(to), ClaimStateMachine.ToWire(from), now, ruleId, reasonCode,
            reasonCode is null ? null : details!.GetValueOrDefault(ReasonDetail));
    }
}
