using System.Globalization;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Compliance.Incidents;

/// <summary>
/// A data-security incident as an aggregate in its own partition of the <c>Incidents</c> table, with the deadlines
/// the profile gave it and the actions recorded since. Each deadline that can still fall due has one due row
/// (<see cref="DueIndex"/>, item = its duty): at its approaching time until the approaching event is raised, then at
/// its due time; meeting it or raising the missed event removes the row, in the same commit. The alert events
/// have deterministic ids (<c>{incidentId}:{duty}:approaching|missed</c>) and are recorded in the state when raised,
/// so each is raised once per incident and deadline.
/// </summary>
public sealed record Incident(
    string IncidentId,
    DateTimeOffset DetectedAt,
    string Description,
    string Severity,
    IReadOnlyList<string> AssetIds,
    IReadOnlyList<string> Classifications,
    long IndividualsAffected,
    string OperatorType,
    bool OperatorTypeDeclared,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Profile,
    string OperationId,
    long Version)
{
    public const int MaxActions = 100;
    public const string ApproachingSuffix = "approaching";
    public const string MissedSuffix = "missed";

    public IReadOnlyList<IncidentDeadline> Deadlines { get; init; } = [];

    public IReadOnlyList<IncidentAction> Actions { get; init; } = [];

    public IncidentFacts Facts => new(Severity, OperatorType, IndividualsAffected, Classifications);

    public static string Resource(string incidentId) => "compliance/incidents/" + incidentId;

    public static Change<Incident> Record(Incident incident, AuditActor actor)
    {
        var details = new Dictionary<string, string>
        {
            ["severity"] = incident.Severity,
            ["operatorType"] = incident.OperatorType,
            ["detectedAt"] = incident.DetectedAt.ToString("O", CultureInfo.InvariantCulture),
            ["individualsAffected"] = incident.IndividualsAffected.ToString(CultureInfo.InvariantCulture),
            ["deadlines"] = string.Join(",", incident.Deadlines.Select(d => $"{d.Duty}@{d.DueAt:O}")),
        };
        return new Change<Incident>(incident)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "incident.recorded", Resource(incident.IncidentId), incident.Severity, incident.Deadlines.FirstOrDefault()?.Rule, details),
                $"{Resource(incident.IncidentId)}:recorded"))
            .Then(TimelineFollowUp.Of(TimelineKinds.IncidentRecorded, incident.IncidentId, incident.DetectedAt,
                new IncidentFact(incident.IncidentId, incident.Severity, incident.OperatorType, incident.Deadlines.Count, incident.IndividualsAffected)))
            .Then(ComplianceIndex.Put(TableNames.Incidents, IncidentIndex.All, incident.DetectedAt, incident.IncidentId, incident.Version))
            .Then(incident.Deadlines.Select(d => DueIndex.Put(TableNames.Incidents, d.ApproachingAt, incident.IncidentId, d.Duty, incident.Version)));
    }

    /// <summary>
    /// Records <paramref name="action"/>: the first containment starts the deadlines that run from containment; a
    /// report or notification meets the deadlines it can meet. A late one meets its deadline as missed (raising the
    /// missed event if the timer had not). The same action id again changes nothing.
    /// </summary>
    public Change<Incident>? AddAction(IncidentAction action, PolicyProfile profile, AuditActor actor, DateTimeOffset now)
    {
        if (Actions.Any(a => a.ActionId == action.ActionId))
        {
            return null;
        }

        if (Actions.Count >= MaxActions)
        {
            throw GovernanceProblem.Conflict($"Incident {IncidentId} already has {MaxActions} actions, the most one incident keeps.");
        }

        if (action.At < DetectedAt)
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["at"] = [$"must not be before the incident was detected ({DetectedAt:O})."] });
        }

        if (action.Duty is { } duty && !Deadlines.Any(d => d.Duty == duty && d.MetBy == action.Kind)
            && !(action.Kind == IncidentActionKinds.Report && IncidentDeadlines.Compute(Facts, DeadlineStarts.Contained, action.At, profile).Any(d => d.Duty == duty)))
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["duty"] = [$"is not a deadline of incident {IncidentId} that a {action.Kind} meets."] });
        }

        var next = this with { Actions = [.. Actions, action], Version = Version + 1 };
        var followUps = new List<FollowUp>();
        if (action.Kind == IncidentActionKinds.Containment && !Actions.Any(a => a.Kind == IncidentActionKinds.Containment))
        {
            var started = IncidentDeadlines.Compute(Facts, DeadlineStarts.Contained, action.At, profile).Where(d => !Deadlines.Any(e => e.Duty == d.Duty)).ToList();
            next = next with { Deadlines = [.. next.Deadlines, .. started] };
            followUps.AddRange(started.Select(d => DueIndex.Put(TableNames.Incidents, d.ApproachingAt, IncidentId, d.Duty, next.Version)));
        }

        var settled = next.Settle(now);
        followUps.AddRange(settled.FollowUps);
        var details = new Dictionary<string, string> { ["kind"] = action.Kind, ["at"] = action.At.ToString("O", CultureInfo.InvariantCulture) };
        if (action.Reference is not null)
        {
            details["reference"] = action.Reference;
        }

        followUps.Add(AuditFollowUp.Of(new AuditRecord(actor, "incident.action_recorded", Resource(IncidentId), action.Kind, settled.MetRules.FirstOrDefault(), details),
            $"{Resource(IncidentId)}:action:{action.ActionId}"));
        return new Change<Incident>(settled.State) { Events = settled.Events, FollowUps = followUps };
    }

    /// <summary>What the deadline timer does at <paramref name="now"/>: raises the approaching and missed events that are due; null when none is.</summary>
    public Change<Incident>? RaiseAlerts(DateTimeOffset now)
    {
        var deadlines = Deadlines.ToList();
        var events = new List<DomainEvent>();
        var followUps = new List<FollowUp>();
        var version = Version + 1;
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            if (d.MetAt is not null || d.MissedRaisedAt is not null)
            {
                continue;
            }

            if (now >= d.DueAt)
            {
                events.Add(Alert(EventTypes.IncidentDeadlineMissed, MissedSuffix, d, now));
                followUps.Add(DueIndex.Delete(TableNames.Incidents, DueRowAt(d), IncidentId, d.Duty, version));
                deadlines[i] = d with { MissedRaisedAt = now };
            }
            else if (now >= d.ApproachingAt && d.ApproachingRaisedAt is null)
            {
                events.Add(Alert(EventTypes.IncidentDeadlineApproaching, ApproachingSuffix, d, now));
                followUps.Add(DueIndex.Delete(TableNames.Incidents, d.ApproachingAt, IncidentId, d.Duty, version));
                followUps.Add(DueIndex.Put(TableNames.Incidents, d.DueAt, IncidentId, d.Duty, version));
                deadlines[i] = d with { ApproachingRaisedAt = now };
            }
        }

        return events.Count == 0 ? null : new Change<Incident>(this with { Deadlines = deadlines, Version = version }) { Events = events, FollowUps = followUps };
    }

    public IncidentView ToView(DateTimeOffset now) => new(IncidentId, DetectedAt, Description, Severity, AssetIds, IndividualsAffected, OperatorType, OperatorTypeDeclared,
        RecordedAt, RecordedBy, Profile, Deadlines.Select(d => IncidentDeadlines.View(d, now)).ToList(), Actions);

    /// <summary>
    /// Marks as met each unmet deadline that an action meets (the earliest matching action at or after its start),
    /// removing its due row; one met late raises the missed event now unless the timer already did.
    /// </summary>
    private (Incident State, IReadOnlyList<DomainEvent> Events, IReadOnlyList<FollowUp> FollowUps, IReadOnlyList<string> MetRules) Settle(DateTimeOffset now)
    {
        var deadlines = Deadlines.ToList();
        var events = new List<DomainEvent>();
        var followUps = new List<FollowUp>();
        var rules = new List<string>();
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            if (d.MetAt is not null)
            {
                continue;
            }

            var meeting = Actions.Where(a => a.Kind == d.MetBy && a.At >= d.StartedAt && (a.Duty is null || a.Duty == d.Duty)).MinBy(a => a.At);
            if (meeting is null)
            {
                continue;
            }

            var met = d with { MetAt = meeting.At, MetByAction = meeting.ActionId };
            rules.Add(d.Rule);
            if (d.MissedRaisedAt is null)
            {
                followUps.Add(DueIndex.Delete(TableNames.Incidents, DueRowAt(d), IncidentId, d.Duty, Version));
                if (meeting.At > d.DueAt)
                {
                    events.Add(Alert(EventTypes.IncidentDeadlineMissed, MissedSuffix, d, now));
                    met = met with { MissedRaisedAt = now };
                }
            }

            deadlines[i] = met;
        }

        return (this with { Deadlines = deadlines }, events, followUps, rules);
    }

    /// <summary>Where the deadline's due row is while it can still fall due: its approaching time, then its due time.</summary>
    private static DateTimeOffset DueRowAt(IncidentDeadline d) => d.ApproachingRaisedAt is null ? d.ApproachingAt : d.DueAt;

    private DomainEvent Alert(string type, string suffix, IncidentDeadline d, DateTimeOffset now)
        => DomainEvent.Create(type, EventSources.Incidents, IncidentId,
            new IncidentDeadlineAlertData(IncidentId, d.Duty, d.Authority, d.DueAt, d.Rule, d.Citation, Severity, OperatorType, DetectedAt, now),
            now, subject: IncidentId, id: $"{IncidentId}:{d.Duty}:{suffix}");
}

public static class IncidentIndex
{
    public static string All => ComplianceIndex.Partition("all");
}

/// <summary>Incident rows: PartitionKey = incident id, RowKey <c>incident</c>.</summary>
public sealed class IncidentMap : JsonAggregateMap<Incident>
{
    public override string Table => TableNames.Incidents;

    public override string Name => "Incident";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => "incident";

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(Incident state) =>
    [
        new("Severity", state.Severity),
        new("DetectedAt", state.DetectedAt),
        new("OperatorType", state.OperatorType),
    ];
}
