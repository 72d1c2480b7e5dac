using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Claims;

/// <summary>What the intake source filed: fixed for the life of the claim.</summary>
public sealed record ClaimFiling(
    string ExternalReference,
    string UserId,
    string AppId,
    string OrderId,
    DateTimeOffset OccurredAt,
    ClaimDamage Damage,
    MoneyAmount Claimed,
    IReadOnlyList<EvidenceItem> Evidence);

/// <summary>
/// An advance compensation claim as an aggregate (<see cref="AggregateStore{TState}"/>, <see cref="ClaimMap"/>):
/// an immutable state whose methods guard its transitions
/// (<c>received → rejected | under_review | approved → prepaid → recourse_open → recovered | written_off</c>, see
/// <see cref="ClaimStateMachine"/>) and return the <see cref="Change{TState}"/> with everything it owes, committed with
/// it in one table transaction: its domain events, its audit entries (record ids <c>claims/{id}:{what}</c>), ledger
/// postings (<see cref="ClaimPostings"/> ids), status webhooks and developer notices (stable <c>webhook-id</c>s), the
/// queue message that asks for processing, the index rows its queries read (<see cref="ClaimIndex"/>) and one child row
/// per recovery. A method that has nothing to change (a repeated request) returns null; a refused one throws a
/// <see cref="Problems.GovernanceProblem"/>. The state holds no growing list: recoveries are child rows, and the state
/// keeps their totals.
/// </summary>
public sealed partial record Claim
{
    public const string ReceivedAction = "claim.received";

    public required string ClaimId { get; init; }

    /// <summary>The intake operation that filed it (derived from the webhook delivery), so a retried delivery is recognised.</summary>
    public required string OperationId { get; init; }

    public required string WebhookId { get; init; }

    public required ClaimFiling Filing { get; init; }

    public required ClaimStatus Status { get; init; }

    /// <summary>SHA-256 of the status token (the token itself is derived again from the claim id, <see cref="ClaimStatusTokens"/>).</summary>
    public required string StatusTokenHash { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Counts the changes; index rows and follow-up ids of a change carry it.</summary>
    public long Version { get; init; }

    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }

    public string? Rule { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecidedBy { get; init; }

    public long? ApprovedAmount { get; init; }

    public DateTimeOffset? PrepaidAt { get; init; }

    public string? PayoutReference { get; init; }

    public DateTimeOffset? RecourseOpenedAt { get; init; }

    public DateTimeOffset? RecourseDueAt { get; init; }

    public DateTimeOffset? RecourseOverdueAt { get; init; }

    /// <summary>What the app still owes for this claim (minor units).</summary>
    public long Outstanding { get; init; }

    public long RecoveredAmount { get; init; }

    /// <summary>How many recovery rows the claim's partition holds.</summary>
    public int RecoveryCount { get; init; }

    /// <summary>The settlement reference of the latest recovery: the one that completed it, once recovered.</summary>
    public string? LastRecoveryReference { get; init; }

    public DateTimeOffset? RecoveredAt { get; init; }

    public DateTimeOffset? WrittenOffAt { get; init; }

    public long WrittenOffAmount { get; init; }

    public string? WriteOffReason { get; init; }

    [JsonIgnore]
    public string Currency => Filing.Claimed.Currency;

    [JsonIgnore]
    public MoneyAmount? Approved => ApprovedAmount is { } amount ? new MoneyAmount(amount, Currency) : null;

    [JsonIgnore]
    public string AuditResource => Resource(ClaimId);

    /// <summary>Approved, paid or in recourse, and still owed something by the app.</summary>
    [JsonIgnore]
    public bool IsOpen => Outstanding > 0 && Status is ClaimStatus.Approved or ClaimStatus.Prepaid or ClaimStatus.RecourseOpen;

    public static string Resource(string claimId) => "claims/" + claimId;

    /// <summary>
    /// A new claim, <c>received</c>, owing its audit entry, its status webhook, its timeline fact, its index rows and,
    /// last (so the processor finds the rows its rules count), the message that asks for processing.
    /// </summary>
    public static Change<Claim> File(string claimId, ClaimFiling filing, string webhookId, string operationId, string statusTokenHash, AuditActor actor, DateTimeOffset now)
    {
        var claim = new Claim
        {
            ClaimId = claimId,
            OperationId = operationId,
            WebhookId = webhookId,
            Filing = filing with { OccurredAt = filing.OccurredAt.ToUniversalTime() },
            Status = ClaimStatus.Received,
            StatusTokenHash = statusTokenHash,
            ReceivedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        var received = ClaimStateMachine.ToWire(ClaimStatus.Received);
        return new Change<Claim>(claim)
            .Then(ClaimIndex.FollowUps(null, claim))
            .Then(AuditFollowUp.Of(new AuditRecord(actor, ReceivedAction, claim.AuditResource, received, null, new Dictionary<string, string>
            {
                ["webhookId"] = webhookId,
                ["externalReference"] = filing.ExternalReference,
                ["amountClaimed"] = $"{filing.Claimed.Amount} {filing.Claimed.Currency}",
            }), $"{claim.AuditResource}:{received}"))
            .Then(ClaimStatusWebhooks.Owed(claim, new ClaimStatusChange(received, null, now, null)))
            .Then(TimelineFollowUp.Of(TimelineKinds.ClaimFiled, claimId, now, new ClaimFiledFact(filing.AppId, filing.Claimed)))
            .Then(QueueFollowUp.Of($"{claimId}:process", ClaimProcessor.QueueSetting, JsonSerializer.Serialize(new ClaimMessage(claimId), GovernanceJson.Options)));
    }

    /// <summary>The claim with a status token hash of the current secret (the secret that issued its token is gone).</summary>
    public Change<Claim> ReissueToken(string statusTokenHash) => new(this with { StatusTokenHash = statusTokenHash, Version = Version + 1 });

    /// <summary>
    /// The status change to <paramref name="to"/>: checked against the state machine, audited (one entry per status:
    /// a claim reaches each at most once) and sent as a status webhook. Index rows are the caller's last step
    /// (<see cref="Indexed"/>), computed once over the whole change.
    /// </summary>
    private Change<Claim> MoveTo(ClaimStatus to, Claim next, AuditActor actor, string ruleId, DateTimeOffset now, IReadOnlyDictionary<string, string>? details = null, (string Code, string Text)? reason = null)
    {
        ClaimStateMachine.EnsureCanMove(Status, to);
        var (from, wire) = (ClaimStateMachine.ToWire(Status), ClaimStateMachine.ToWire(to));
        next = next with { Status = to, UpdatedAt = now, Version = Version + 1 };
        var entry = new Dictionary<string, string>(details ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["from"] = from, ["to"] = wire };
        return new Change<Claim>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "claim." + wire, AuditResource, wire, ruleId, entry), $"{AuditResource}:{wire}"))
            .Then(ClaimStatusWebhooks.Owed(next, new ClaimStatusChange(wire, from, now, ruleId, reason?.Code, reason?.Text)));
    }

    /// <summary>Adds the index rows the change moves (from this state to the change's final one).</summary>
    private Change<Claim> Indexed(Change<Claim> change) => change.Then(ClaimIndex.FollowUps(this, change.State));

    private static string Describe(AuditActor actor) => actor.Role is null ? $"{actor.Kind}:{actor.Id}" : $"{actor.Kind}:{actor.Id} ({actor.Role})";
}
