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

/// <summary>Timeline summaries of the claims duty (<see cref="Timeline.TimelineKinds"/>): no personal data.</summary>
public sealed record ClaimFiledFact(string AppId, MoneyAmount AmountClaimed);

public sealed record ClaimPrepaidFact(string AppId, MoneyAmount AmountApproved);

/// <summary>
/// The domain events of the claims duty, built from the state the change commits (the <see cref="Claim"/> methods
/// emit them, so they are recorded by the outbox in the claim's partition in the same transaction). Ordered per claim.
/// </summary>
public static class ClaimEvents
{
    /// <summary>The payout instruction's id is the claim id, so payments can deduplicate it.</summary>
    public static string PrepaidEventId(string claimId) => claimId;

    public static string RecoveredEventId(string claimId) => claimId + ":recovered";

    public static DomainEvent Prepaid(Claim claim)
    {
        var approvedAt = claim.DecidedAt ?? throw Incomplete(claim, nameof(Claim.DecidedAt));
        var data = new CompensationPrepaidData(claim.ClaimId, claim.Filing.UserId, claim.Filing.AppId,
            claim.Approved ?? throw Incomplete(claim, nameof(Claim.ApprovedAmount)), approvedAt, claim.Rule ?? throw Incomplete(claim, nameof(Claim.Rule)));
        return DomainEvent.Create(EventTypes.CompensationPrepaid, EventSources.Claims, aggregateId: claim.ClaimId, data,
            time: approvedAt, subject: claim.ClaimId, id: PrepaidEventId(claim.ClaimId));
    }

    public static DomainEvent Recovered(Claim claim)
    {
        var recoveredAt = claim.RecoveredAt ?? throw Incomplete(claim, nameof(Claim.RecoveredAt));
        var data = new CompensationRecoveredData(claim.ClaimId, claim.Filing.AppId, new MoneyAmount(claim.RecoveredAmount, claim.Currency),
            claim.LastRecoveryReference ?? throw Incomplete(claim, nameof(Claim.LastRecoveryReference)), recoveredAt);
        return DomainEvent.Create(EventTypes.CompensationRecovered, EventSources.Claims, aggregateId: claim.ClaimId, data,
            time: recoveredAt, subject: claim.ClaimId, id: RecoveredEventId(claim.ClaimId));
    }

    private static InvalidOperationException Incomplete(Claim claim, string field)
        => new($"Claim '{claim.ClaimId}' is {ClaimStateMachine.ToWire(claim.Status)} without {field}: its event cannot be built.");
}
