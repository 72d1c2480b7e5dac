using Governance.Core.Compliance;
using Governance.Core.Compliance.Incidents;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Compliance;

public sealed class IncidentDeadlinesTests
{
    private static readonly DateTimeOffset Detected = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var profile in new[] { "cn-2021-draft", "cn-2025" })
        {
            foreach (var operatorType in new[] { "critical_infrastructure", "state_body", "other" })
            {
                foreach (var severity in IncidentSeverities.All)
                {
                    data.Add(profile, operatorType, severity);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Relatively_major_or_worse_incidents_are_reported_within_one_two_or_four_hours_by_operator_type(string id, string operatorType, string severity)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);
        var deadlines = IncidentDeadlines.Compute(new IncidentFacts(severity, operatorType, 0, []), DeadlineStarts.Detected, Detected, profile);

        var report = deadlines.SingleOrDefault(d => d.Duty == "report");
        if (severity == IncidentSeverities.General)
        {
            Assert.Null(report);
            return;
        }

        var (hours, rule) = operatorType switch
        {
            "critical_infrastructure" => (1, ComplianceRuleIds.IncidentReportCriticalInfrastructure),
            "state_body" => (2, ComplianceRuleIds.IncidentReportStateBody),
            _ => (4, ComplianceRuleIds.IncidentReportOther),
        };
        Assert.NotNull(report);
        Assert.Equal(Detected.AddHours(hours), report.DueAt);
        Assert.Equal(rule, report.Rule);
        Assert.Equal(profile.Rule(rule).Citation, report.Citation);
        Assert.Equal(IncidentActionKinds.Report, report.MetBy);
        Assert.Equal(report.DueAt - TimeSpan.FromHours(hours / 4.0), report.ApproachingAt);
    }

    [Fact]
    public void The_draft_adds_an_eight_hour_report_for_important_data_or_a_hundred_thousand_people_and_the_final_text_does_not()
    {
        var draft = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
        var final = PolicyProfileLoader.LoadEmbedded("cn-2025");
        IReadOnlyList<string> Duties(PolicyProfile p, long people, params string[] classifications)
            => IncidentDeadlines.Compute(new IncidentFacts("general", "other", people, classifications), DeadlineStarts.Detected, Detected, p).Select(d => d.Duty).Order().ToList();

        Assert.Equal(["report_data_incident"], Duties(draft, 0, "important"));
        Assert.Equal(["report_data_incident"], Duties(draft, 0, "core", "general"));
        Assert.Equal(["notify_individuals", "report_data_incident"], Duties(draft, 100_000));
        Assert.Equal(["notify_individuals"], Duties(draft, 99_999, "general"));
        Assert.Equal(["notify_individuals"], Duties(final, 100_000, "important"));
        Assert.Empty(Duties(final, 0, "important"));
    }

    [Fact]
    public void The_summary_report_starts_with_containment_and_is_due_thirty_days_later()
    {
        var contained = Detected.AddHours(6);
        var deadlines = IncidentDeadlines.Compute(new IncidentFacts("major", "other", 0, []), DeadlineStarts.Contained, contained, PolicyProfileLoader.LoadEmbedded("cn-2025"));

        var summary = Assert.Single(deadlines);
        Assert.Equal("summary_report", summary.Duty);
        Assert.Equal(contained.AddDays(30), summary.DueAt);
        Assert.Empty(IncidentDeadlines.Compute(new IncidentFacts("general", "other", 0, []), DeadlineStarts.Contained, contained, PolicyProfileLoader.LoadEmbedded("cn-2025")));
    }

    [Fact]
    public void A_deadline_is_open_until_due_met_by_an_action_in_time_and_missed_otherwise()
    {
        var deadline = new IncidentDeadline("report", "authority", "report", "detected", Detected, Detected.AddHours(4), Detected.AddHours(3), "r", "c");

        Assert.Equal(DeadlineStatuses.Open, IncidentDeadlines.Status(deadline, Detected.AddHours(4)));
        Assert.Equal(DeadlineStatuses.Missed, IncidentDeadlines.Status(deadline, Detected.AddHours(4).AddTicks(1)));
        Assert.Equal(DeadlineStatuses.Met, IncidentDeadlines.Status(deadline with { MetAt = Detected.AddHours(4) }, Detected.AddDays(9)));
        Assert.Equal(DeadlineStatuses.Missed, IncidentDeadlines.Status(deadline with { MetAt = Detected.AddHours(5) }, Detected.AddHours(5)));
        Assert.Equal(3600, IncidentDeadlines.View(deadline, Detected.AddHours(3)).RemainingSeconds);
        Assert.Null(IncidentDeadlines.View(deadline with { MetAt = Detected.AddHours(1) }, Detected.AddHours(2)).RemainingSeconds);
    }
}
