using Governance.Core.Policies;

namespace Governance.Core.Claims;

/// <summary>The 202/200 answer to a claim webhook.</summary>
public sealed record ClaimIntakeResponse(string ClaimId, string Status, string? StatusUrl = null, string? StatusToken = null, string? DuplicateOf = null);

public sealed record RuleView(string Id, string Title, string Citation)
{
    public static RuleView? From(string? ruleId, PolicyProfile profile)
        => ruleId is not null && profile.HasRule(ruleId) ? new RuleView(ruleId, profile.Rule(ruleId).Title, profile.Rule(ruleId).Citation) : null;
}

/// <summary>What the user sees with the status token: no personal or app data beyond the claim itself.</summary>
public sealed record ClaimStatusView(
    string ClaimId,
    string Status,
    MoneyAmount AmountClaimed,
    MoneyAmount? AmountApproved,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? PrepaidAt,
    DateTimeOffset UpdatedAt,
    string? ReasonCode,
    string? Reason,
    RuleView? Rule)
{
    public static ClaimStatusView From(Claim c, PolicyProfile profile)
        => new(c.ClaimId, ClaimStateMachine.ToWire(c.Status), c.Filing.Claimed, c.Approved, c.ReceivedAt, c.DecidedAt, c.PrepaidAt, c.UpdatedAt, c.ReasonCode, c.Reason, RuleView.From(c.Rule, profile));
}

/// <summary>The full claim, for staff.</summary>
public sealed record ClaimView(
    string ClaimId,
    string Status,
    string ExternalReference,
    string UserId,
    string AppId,
    string OrderId,
    DateTimeOffset OccurredAt,
    ClaimDamage Damage,
    MoneyAmount AmountClaimed,
    MoneyAmount? AmountApproved,
    IReadOnlyList<EvidenceItem> Evidence,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? ReasonCode,
    string? Reason,
    RuleView? Rule,
    DateTimeOffset? PrepaidAt,
    string? PayoutReference,
    DateTimeOffset? RecourseOpenedAt,
    DateTimeOffset? RecourseDueAt,
    bool RecourseOverdue,
    MoneyAmount Outstanding,
    MoneyAmount Recovered,
    IReadOnlyList<ClaimRecovery> Recoveries,
    DateTimeOffset? RecoveredAt,
    DateTimeOffset? WrittenOffAt,
    string? WriteOffReason)
{
    public static ClaimView From(Claim c, PolicyProfile profile, IReadOnlyList<ClaimRecovery> recoveries)
    {
        var f = c.Filing;
        return new(c.ClaimId, ClaimStateMachine.ToWire(c.Status), f.ExternalReference, f.UserId, f.AppId, f.OrderId, f.OccurredAt, f.Damage, f.Claimed, c.Approved,
            f.Evidence, c.ReceivedAt, c.UpdatedAt, c.DecidedAt, c.DecidedBy, c.ReasonCode, c.Reason, RuleView.From(c.Rule, profile), c.PrepaidAt, c.PayoutReference,
            c.RecourseOpenedAt, c.RecourseDueAt, c.RecourseOverdueAt is not null, new MoneyAmount(c.Outstanding, c.Currency),
            new MoneyAmount(c.RecoveredAmount, c.Currency), recoveries, c.RecoveredAt, c.WrittenOffAt, c.WriteOffReason);
    }
}

public sealed record ClaimPage(IReadOnlyList<ClaimView> Claims, string? ContinuationToken);
