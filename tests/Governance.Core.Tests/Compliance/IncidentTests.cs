using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Compliance;
using Governance.Core.Compliance.Incidents;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Compliance;

public sealed class IncidentTests
{
    private static readonly PolicyProfile Profile = PolicyProfileLoader.LoadEmbedded("cn-2025");
    private static readonly DateTimeOffset Detected = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Actor = AuditActor.Staff("op", "operator");

    private static Incident NewIncident(string severity = "major", long individuals = 0)
    {
        var facts = new IncidentFacts(severity, "other", individuals, []);
        return new Incident("inc_" + new string('a', 32), Detected, "leak", severity, [], [], individuals, "other", true, Detected, "op", Profile.Id, new string('a', 32), 1)
        {
            Deadlines = IncidentDeadlines.Compute(facts, DeadlineStarts.Detected, Detected, Profile),
        };
    }

    private static IncidentAction Action(string kind, DateTimeOffset at, string id = "1", string? duty = null)
        => new("act_" + id.PadLeft(32, '0'), kind, at, null, null, duty, at, "op");

    [Fact]
    public void Recording_owes_the_audit_entry_the_timeline_fact_the_list_row_and_a_due_row_per_deadline_at_its_approaching_time()
    {
        var incident = NewIncident(individuals: 3);
        var change = Incident.Record(incident, Actor);

        var indexRows = change.FollowUps.Where(f => f.Type == IndexFollowUp.Type).Select(f => f.Read<IndexRow>()).ToList();
        var due = indexRows.Where(r => r.Table == TableNames.Incidents && r.PartitionKey == DueIndex.Partition).ToList();
        Assert.Equal(2, due.Count);
        Assert.Contains(due, r => r.RowKey == DueIndex.RowKey(Detected.AddHours(3), incident.IncidentId, "report"));
        Assert.Contains(due, r => r.RowKey == DueIndex.RowKey(Detected.AddHours(18), incident.IncidentId, "notify_individuals"));
        Assert.Contains(indexRows, r => r.Table == TableNames.Timeline && r.Strings!["Kind"] == "incident.recorded");
        Assert.Single(change.FollowUps, f => f.Type == AuditFollowUp.Type);
        Assert.Empty(change.Events);
    }

    [Fact]
    public void The_timer_raises_approaching_then_missed_once_each_with_deterministic_ids_moving_the_due_row()
    {
        var incident = NewIncident();
        Assert.Null(incident.RaiseAlerts(Detected.AddHours(2)));

        var approaching = incident.RaiseAlerts(Detected.AddHours(3))!;
        var raised = Assert.Single(approaching.Events);
        Assert.Equal($"{incident.IncidentId}:report:approaching", raised.Id);
        Assert.Equal(EventTypes.IncidentDeadlineApproaching, raised.Type);
        Assert.Equal(
            [$"delete|{TableNames.Incidents}|due|{DueIndex.RowKey(Detected.AddHours(3), incident.IncidentId, "report")}|2", $"put|{TableNames.Incidents}|due|{DueIndex.RowKey(Detected.AddHours(4), incident.IncidentId, "report")}|2"],
            approaching.FollowUps.Select(f => f.Id));
        Assert.Null(approaching.State.RaiseAlerts(Detected.AddHours(3.5)));

        var missed = approaching.State.RaiseAlerts(Detected.AddHours(4).AddSeconds(1))!;
        Assert.Equal($"{incident.IncidentId}:report:missed", Assert.Single(missed.Events).Id);
        Assert.Null(missed.State.RaiseAlerts(Detected.AddDays(2)));
    }

    [Fact]
    public void A_late_report_meets_the_deadline_as_missed_and_raises_the_missed_event_unless_the_timer_did()
    {
        var incident = NewIncident();

        var late = incident.AddAction(Action("report", Detected.AddHours(5)), Profile, Actor, Detected.AddHours(5))!;
        var report = late.State.Deadlines.Single(d => d.Duty == "report");
        Assert.Equal(Detected.AddHours(5), report.MetAt);
        Assert.Equal(DeadlineStatuses.Missed, IncidentDeadlines.Status(report, Detected.AddHours(6)));
        Assert.Equal($"{incident.IncidentId}:report:missed", Assert.Single(late.Events).Id);

        var timerFirst = incident.RaiseAlerts(Detected.AddHours(4.5))!.State;
        var afterTimer = timerFirst.AddAction(Action("report", Detected.AddHours(5)), Profile, Actor, Detected.AddHours(5))!;
        Assert.Empty(afterTimer.Events);
    }

    [Fact]
    public void A_report_in_time_meets_the_reporting_deadline_and_removes_its_due_row_and_the_same_action_again_changes_nothing()
    {
        var incident = NewIncident();
        var met = incident.AddAction(Action("report", Detected.AddMinutes(30)), Profile, Actor, Detected.AddMinutes(31))!;

        Assert.Equal(DeadlineStatuses.Met, IncidentDeadlines.Status(met.State.Deadlines.Single(d => d.Duty == "report"), Detected.AddDays(1)));
        Assert.Empty(met.Events);
        Assert.Contains(met.FollowUps, f => f.Id == $"delete|{TableNames.Incidents}|due|{DueIndex.RowKey(Detected.AddHours(3), incident.IncidentId, "report")}|2");
        Assert.Null(met.State.AddAction(Action("report", Detected.AddMinutes(30)), Profile, Actor, Detected.AddMinutes(40)));
        Assert.Null(met.State.RaiseAlerts(Detected.AddDays(3)));
    }

    [Fact]
    public void Containment_starts_the_summary_report_which_a_later_report_meets_and_a_report_before_containment_does_not()
    {
        var incident = NewIncident();
        var reported = incident.AddAction(Action("report", Detected.AddMinutes(20), "1"), Profile, Actor, Detected.AddMinutes(20))!.State;
        var contained = reported.AddAction(Action("containment", Detected.AddHours(6), "2"), Profile, Actor, Detected.AddHours(6))!;
        var summary = contained.State.Deadlines.Single(d => d.Duty == "summary_report");
        Assert.Equal(Detected.AddHours(6).AddDays(30), summary.DueAt);
        Assert.Null(summary.MetAt);
        Assert.Contains(contained.FollowUps, f => f.Id.StartsWith($"put|{TableNames.Incidents}|due|", StringComparison.Ordinal) && f.Id.Contains("summary_report", StringComparison.Ordinal));

        var final = contained.State.AddAction(Action("report", Detected.AddDays(10), "3", duty: "summary_report"), Profile, Actor, Detected.AddDays(10))!.State;
        Assert.Equal(Detected.AddDays(10), final.Deadlines.Single(d => d.Duty == "summary_report").MetAt);
        Assert.Equal(Detected.AddMinutes(20), final.Deadlines.Single(d => d.Duty == "report").MetAt);
    }

    [Fact]
    public void An_action_before_detection_or_for_a_duty_it_cannot_meet_is_a_400()
    {
        var incident = NewIncident(individuals: 5);
        Assert.Equal(400, Assert.Throws<Problems.GovernanceProblem>(() => incident.AddAction(Action("report", Detected.AddMinutes(-1)), Profile, Actor, Detected)).Status);
        Assert.Equal(400, Assert.Throws<Problems.GovernanceProblem>(() => incident.AddAction(Action("report", Detected, duty: "notify_individuals"), Profile, Actor, Detected)).Status);
    }

    [Fact]
    public void The_alert_data_fields_are_exactly_those_the_readme_documents()
    {
        var raised = NewIncident().RaiseAlerts(Detected.AddHours(3))!.Events.Single();
        var fields = JsonDocument.Parse(raised.Data.ToString()).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var readme = File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "README.md"));

        foreach (var type in new[] { EventTypes.IncidentDeadlineApproaching, EventTypes.IncidentDeadlineMissed })
        {
            var row = readme.Split('\n').Single(l => l.StartsWith($"| `{type}` |", StringComparison.Ordinal));
            var documented = System.Text.RegularExpressions.Regex.Matches(row.Split('|', StringSplitOptions.TrimEntries)[^2], "`([a-zA-Z]+)`").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(documented, fields);
        }
    }
}
