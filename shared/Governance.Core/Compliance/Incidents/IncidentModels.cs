namespace Governance.Core.Compliance.Incidents;

/// <summary>Body of <c>POST /api/incidents</c>.</summary>
public sealed record IncidentRequest(DateTimeOffset? DetectedAt, string? Description, string? Severity, IReadOnlyList<string?>? AssetIds, long? IndividualsAffected);

/// <summary>
/// Body of <c>POST /api/incidents/{incidentId}/actions</c>: what was done and when. A <c>report</c> meets the
/// reporting deadlines (a <c>notification</c> the notification deadline) that had started by <c>at</c>; naming a
/// <c>duty</c> meets that deadline only.
/// </summary>
public sealed record IncidentActionRequest(string? Kind, DateTimeOffset? At, string? Reference, string? Note, string? Duty);

/// <summary>A deadline as stored: computed from the profile when its clock started, met by the first matching action.</summary>
public sealed record IncidentDeadline(
    string Duty,
    string Authority,
    string MetBy,
    string Starts,
    DateTimeOffset StartedAt,
    DateTimeOffset DueAt,
    DateTimeOffset ApproachingAt,
    string Rule,
    string Citation)
{
    public DateTimeOffset? MetAt { get; init; }

    public string? MetByAction { get; init; }

    public DateTimeOffset? ApproachingRaisedAt { get; init; }

    public DateTimeOffset? MissedRaisedAt { get; init; }
}

/// <summary>Something done about an incident, as recorded.</summary>
public sealed record IncidentAction(string ActionId, string Kind, DateTimeOffset At, string? Reference, string? Note, string? Duty, DateTimeOffset RecordedAt, string RecordedBy);

public static class DeadlineStatuses
{
    public const string Open = "open";
    public const string Met = "met";
    public const string Missed = "missed";
}

/// <summary>
/// A deadline as the API shows it, counting down: <c>status</c> from the clock and the recorded actions (<c>met</c>
/// when the action came by <c>dueAt</c>, <c>missed</c> when it came later or not at all by <c>dueAt</c>), and while
/// open the seconds left.
/// </summary>
public sealed record DeadlineView(
    string Duty,
    string Authority,
    DateTimeOffset DueAt,
    string Status,
    string Rule,
    string Citation,
    string MetBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? MetAt,
    long? RemainingSeconds);

public sealed record IncidentView(
    string IncidentId,
    DateTimeOffset DetectedAt,
    string Description,
    string Severity,
    IReadOnlyList<string> AssetIds,
    long IndividualsAffected,
    string OperatorType,
    bool OperatorTypeDeclared,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Profile,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<IncidentAction> Actions);

public sealed record IncidentPage(IReadOnlyList<IncidentView> Incidents, string? ContinuationToken);

/// <summary>Data of <c>governance.incident.deadline_approaching</c> and <c>governance.incident.deadline_missed</c>, exactly the fields the README documents.</summary>
public sealed record IncidentDeadlineAlertData(
    string IncidentId,
    string Duty,
    string Authority,
    DateTimeOffset DueAt,
    string Rule,
    string Citation,
    string Severity,
    string OperatorType,
    DateTimeOffset DetectedAt,
    DateTimeOffset RaisedAt);

/// <summary>The fact an incident leaves on the timeline.</summary>
public sealed record IncidentFact(string IncidentId, string Severity, string OperatorType, int Deadlines, long IndividualsAffected);
