using Governance.Core.Events;
using Governance.Core.Policies;

namespace Governance.Core.Claims;

/// <summary>Data of <c>governance.compensation.prepaid</c>, exactly the fields the README documents.</summary>
public sealed record CompensationPrepaidData(
    string ClaimId,
    string UserId,
    string AppId,
    MoneyAmount Amount,
    DateTimeOffset ApprovedAt,
    string Rule);

/// <summary>Data of <c>governance.compensation.recovered</c>, exactly the fields the README documents.</summary>
public sealed record CompensationRecoveredData(
    string ClaimId,
    string AppId,
    MoneyAmount Amount,
    string SettlementReference,
    DateTimeOffset RecoveredAt);

/// <summary>
/// The domain events of the claims duty. A transition that causes one marks it due on the claim
/// (<see cref="ClaimTransitions.Move"/>); <see cref="ClaimStore.UpdateAsync"/> builds it from the claim as it
/// is written and has the outbox record it in the claim's partition, in the same table transaction as the
/// row. So the event exists exactly when the change committed: a lost race (412) records neither.
/// Events are ordered per claim (aggregate = claim id).
/// </summary>
public static class ClaimEvents
{
    /// <summary>The payout instruction's id is the claim id, so payments can deduplicate it (issue 6).</summary>
    public static string PrepaidEventId(string claimId) => claimId;

    public static string RecoveredEventId(string claimId) => claimId + ":recovered";

    /// <summary>Marks the events that a move of the claim to <paramref name="to"/> causes.</summary>
    public static void MarkDue(ClaimEntity claim, ClaimStatus to)
    {
        switch (to)
        {
            case ClaimStatus.Approved:
                claim.MarkEventDue(EventTypes.CompensationPrepaid);
                break;
            case ClaimStatus.Recovered:
                claim.MarkEventDue(EventTypes.CompensationRecovered);
                break;
        }
    }

    /// <summary>The events marked due on <paramref name="claim"/>, built from its current state.</summary>
    public static IReadOnlyList<DomainEvent> Due(ClaimEntity claim)
        => claim.EventsDue.Select(type => type switch
        {
            EventTypes.CompensationPrepaid => Prepaid(claim),
            EventTypes.CompensationRecovered => Recovered(claim),
            _ => throw new InvalidOperationException($"Claims do not emit '{type}'."),
        }).ToList();

    public static DomainEvent Prepaid(ClaimEntity claim)
    {
        var approvedAt = claim.DecidedAt ?? throw Incomplete(claim, nameof(ClaimEntity.DecidedAt));
        var data = new CompensationPrepaidData(
            claim.ClaimId,
            claim.UserId,
            claim.AppId,
            claim.Approved ?? throw Incomplete(claim, nameof(ClaimEntity.ApprovedAmount)),
            approvedAt,
            claim.Rule ?? throw Incomplete(claim, nameof(ClaimEntity.Rule)));
        return DomainEvent.Create(EventTypes.CompensationPrepaid, EventSources.Claims, aggregateId: claim.ClaimId, data,
            time: approvedAt, subject: claim.ClaimId, id: PrepaidEventId(claim.ClaimId));
    }

    public static DomainEvent Recovered(ClaimEntity claim)
    {
        var recoveredAt = claim.RecoveredAt ?? throw Incomplete(claim, nameof(ClaimEntity.RecoveredAt));
        var data = new CompensationRecoveredData(
            claim.ClaimId,
            claim.AppId,
            new MoneyAmount(claim.RecoveredAmount, claim.Currency),
            claim.LastRecoveryReference ?? (ClaimRecoveries.Legacy(claim) is [.., var last] ? last.Reference : throw Incomplete(claim, "recoveries")),
            recoveredAt);
        return DomainEvent.Create(EventTypes.CompensationRecovered, EventSources.Claims, aggregateId: claim.ClaimId, data,
            time: recoveredAt, subject: claim.ClaimId, id: RecoveredEventId(claim.ClaimId));
    }

    private static InvalidOperationException Incomplete(ClaimEntity claim, string field)
        => new($"Claim '{claim.ClaimId}' is {claim.Status} without {field}: its event cannot be built.");
}
