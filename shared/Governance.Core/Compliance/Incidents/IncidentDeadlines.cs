using Governance.Core.Policies;

namespace Governance.Core.Compliance.Incidents;

/// <summary>What decides which deadlines an incident has: its severity, the operator's type and the data it touches.</summary>
public sealed record IncidentFacts(string Severity, string OperatorType, long IndividualsAffected, IReadOnlyList<string> Classifications);

/// <summary>
/// The incident deadline rules of the active profile, pure: which deadlines apply to an incident, when each is due
/// and when it counts as approaching, and each one's status at a moment.
/// </summary>
public static class IncidentDeadlines
{
    /// <summary>The deadlines whose clock starts with <paramref name="starts"/> at <paramref name="startedAt"/>.</summary>
    public static IReadOnlyList<IncidentDeadline> Compute(IncidentFacts facts, string starts, DateTimeOffset startedAt, PolicyProfile profile)
    {
        var rules = profile.Compliance.Incidents;
        return rules.Deadlines
            .Where(r => r.Starts == starts && Applies(r, facts))
            .Select(r =>
            {
                var rule = profile.Rule(r.RuleId);
                var due = startedAt.AddHours(r.Hours);
                return new IncidentDeadline(r.Duty, r.Authority, r.MetBy, r.Starts, startedAt, due, ApproachingAt(startedAt, due, rules.ApproachingWhenRemainingPercent), rule.Id, rule.Citation);
            })
            .ToList();
    }

    public static bool Applies(IncidentDeadlineRule rule, IncidentFacts facts)
        => (rule.Severities is null || rule.Severities.Contains(facts.Severity))
            && (rule.OperatorTypes is null || rule.OperatorTypes.Contains(facts.OperatorType))
            && (rule.Data is null
                || rule.Data.Classifications.Intersect(facts.Classifications).Any()
                || (rule.Data.IndividualsAffectedAtLeast is { } least && facts.IndividualsAffected >= least));

    /// <summary>When <paramref name="remainingPercent"/> of the time from start to due is left (whole seconds).</summary>
    public static DateTimeOffset ApproachingAt(DateTimeOffset start, DateTimeOffset due, int remainingPercent)
        => due - TimeSpan.FromSeconds(Math.Floor((due - start).TotalSeconds * remainingPercent / 100.0));

    public static string Status(IncidentDeadline deadline, DateTimeOffset now)
        => deadline.MetAt is { } met ? (met <= deadline.DueAt ? DeadlineStatuses.Met : DeadlineStatuses.Missed)
            : now > deadline.DueAt ? DeadlineStatuses.Missed
            : DeadlineStatuses.Open;

    public static DeadlineView View(IncidentDeadline d, DateTimeOffset now)
    {
        var status = Status(d, now);
        return new DeadlineView(d.Duty, d.Authority, d.DueAt, status, d.Rule, d.Citation, d.MetBy, d.StartedAt, d.MetAt,
            status == DeadlineStatuses.Open && d.MetAt is null ? (long)Math.Max(0, Math.Floor((d.DueAt - now).TotalSeconds)) : null);
    }
}
