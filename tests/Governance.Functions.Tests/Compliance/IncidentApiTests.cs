using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Compliance;

/// <summary>Incidents under the default profile: deadlines by operator type and severity on a moved clock, actions that meet them.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class IncidentApiTests(GovernanceHostFixture fixture)
{
    private static readonly string[] Severities = ["especially_major", "major", "relatively_major", "general"];
    private readonly ComplianceApi _api = new(fixture);

    [Theory]
    [InlineData("critical_infrastructure", 1, "compliance.incident.report-critical-infrastructure")]
    [InlineData("state_body", 2, "compliance.incident.report-state-body")]
    [InlineData("other", 4, "compliance.incident.report-other")]
    public async Task Relatively_major_or_worse_incidents_must_be_reported_within_the_hours_of_the_operator_type_and_the_clock_tells_when_they_are_missed(string operatorType, int hours, string rule)
    {
        await _api.SetOperatorTypeAsync(operatorType);
        try
        {
            var detectedAt = _api.Now.AddMinutes(-10);
            var incidents = new Dictionary<string, JsonElement>();
            foreach (var severity in Severities)
            {
                incidents[severity] = await _api.PostAsync("api/incidents", Incident(severity, detectedAt));
            }

            foreach (var severity in Severities[..3])
            {
                var report = ComplianceApi.Deadline(incidents[severity], "report");
                Assert.Equal(operatorType, incidents[severity].GetProperty("operatorType").GetString());
                Assert.Equal(detectedAt.AddHours(hours), report.GetProperty("dueAt").GetDateTimeOffset());
                Assert.Equal(rule, report.GetProperty("rule").GetString());
                Assert.Equal("open", report.GetProperty("status").GetString());
                Assert.InRange(report.GetProperty("remainingSeconds").GetInt64(), (hours * 3600) - 780, (hours * 3600) - 590);
                Assert.Contains("Reporting Management Measures", report.GetProperty("citation").GetString(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("report", ComplianceApi.Duties(incidents["general"]));

            fixture.Clock.Advance(TimeSpan.FromHours(hours));
            foreach (var severity in Severities[..3])
            {
                var now = await _api.GetAsync($"api/incidents/{incidents[severity].GetProperty("incidentId").GetString()}");
                Assert.Equal("missed", ComplianceApi.Deadline(now, "report").GetProperty("status").GetString());
                Assert.Equal("open", ComplianceApi.Deadline(now, "notify_individuals").GetProperty("status").GetString());
            }
        }
        finally
        {
            await _api.SetOperatorTypeAsync("other");
        }
    }

    [Fact]
    public async Task A_report_by_the_due_time_meets_the_deadline_a_late_one_misses_it_and_containment_starts_the_summary_report()
    {
        var detectedAt = _api.Now.AddHours(-5);
        var onTime = await _api.PostAsync("api/incidents", Incident("major", _api.Now.AddMinutes(-30)));
        var late = await _api.PostAsync("api/incidents", Incident("major", detectedAt));
        var onTimeId = onTime.GetProperty("incidentId").GetString()!;
        var lateId = late.GetProperty("incidentId").GetString()!;

        var reported = await _api.PostAsync($"api/incidents/{onTimeId}/actions", new { kind = "report", at = _api.Now.AddMinutes(-1), reference = "CAC-R-1" });
        Assert.Equal("met", ComplianceApi.Deadline(reported, "report").GetProperty("status").GetString());
        Assert.Equal("open", ComplianceApi.Deadline(reported, "notify_individuals").GetProperty("status").GetString());
        Assert.DoesNotContain("summary_report", ComplianceApi.Duties(reported));

        var notified = await _api.PostAsync($"api/incidents/{onTimeId}/actions", new { kind = "notification", at = _api.Now, note = "E-mail and SMS to every affected user" });
        Assert.Equal("met", ComplianceApi.Deadline(notified, "notify_individuals").GetProperty("status").GetString());

        var contained = await _api.PostAsync($"api/incidents/{onTimeId}/actions", new { kind = "containment", at = _api.Now });
        var summary = ComplianceApi.Deadline(contained, "summary_report");
        Assert.Equal(contained.GetProperty("actions")[2].GetProperty("at").GetDateTimeOffset().AddDays(30), summary.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("open", summary.GetProperty("status").GetString());

        var lateReport = await _api.PostAsync($"api/incidents/{lateId}/actions", new { kind = "report", at = _api.Now.AddMinutes(-2) });
        var deadline = ComplianceApi.Deadline(lateReport, "report");
        Assert.Equal("missed", deadline.GetProperty("status").GetString());
        Assert.Equal(lateReport.GetProperty("actions")[0].GetProperty("at").GetDateTimeOffset(), deadline.GetProperty("metAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_incident_touching_important_data_under_the_draft_also_needs_the_eight_hour_data_incident_report()
    {
        var important = await _api.CreateAssetAsync("important");
        var detectedAt = _api.Now.AddMinutes(-1);
        var incident = await _api.PostAsync("api/incidents", Incident("general", detectedAt, [important], individuals: 0));

        Assert.Equal(["report_data_incident"], ComplianceApi.Duties(incident));
        Assert.Equal(detectedAt.AddHours(8), ComplianceApi.Deadline(incident, "report_data_incident").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal([important], incident.GetProperty("assetIds").EnumerateArray().Select(a => a.GetString()));

        var many = await _api.PostAsync("api/incidents", Incident("general", detectedAt, individuals: 100_000));
        Assert.Equal(["notify_individuals", "report_data_incident"], ComplianceApi.Duties(many));
    }

    [Fact]
    public async Task Bad_incidents_and_actions_are_400_problems_naming_the_field()
    {
        await _api.RefusedAsync(HttpMethod.Post, "api/incidents", Incident("catastrophic", _api.Now), HttpStatusCode.BadRequest, "severity");
        await _api.RefusedAsync(HttpMethod.Post, "api/incidents", Incident("major", _api.Now.AddHours(1)), HttpStatusCode.BadRequest, "detectedAt");
        await _api.RefusedAsync(HttpMethod.Post, "api/incidents", Incident("major", _api.Now, ["ast_00000000000000000000000000000000"]), HttpStatusCode.BadRequest, "assetIds[0]");
        await _api.RefusedAsync(HttpMethod.Post, "api/incidents", Incident("major", _api.Now, individuals: -1), HttpStatusCode.BadRequest, "individualsAffected");
        await _api.RefusedAsync(HttpMethod.Post, "api/incidents",
            new { detectedAt = _api.Now, description = "leak\u0000", severity = "major", assetIds = Array.Empty<string>(), individualsAffected = 1 }, HttpStatusCode.BadRequest, "description");

        var incidentId = (await _api.PostAsync("api/incidents", Incident("major", _api.Now.AddMinutes(-5)))).GetProperty("incidentId").GetString()!;
        await _api.RefusedAsync(HttpMethod.Post, $"api/incidents/{incidentId}/actions", new { kind = "apology", at = _api.Now }, HttpStatusCode.BadRequest, "kind");
        await _api.RefusedAsync(HttpMethod.Post, $"api/incidents/{incidentId}/actions", new { kind = "report", at = _api.Now.AddHours(-1) }, HttpStatusCode.BadRequest, "at");
        await _api.RefusedAsync(HttpMethod.Post, $"api/incidents/{incidentId}/actions", new { kind = "report", at = _api.Now, duty = "notify_individuals" }, HttpStatusCode.BadRequest, "duty");
        await _api.JsonAsync(HttpMethod.Post, "api/incidents/inc_00000000000000000000000000000000/actions", StaffRoles.Operator, new { kind = "report", at = _api.Now }, HttpStatusCode.NotFound);
    }

    public static object Incident(string severity, DateTimeOffset detectedAt, string[]? assetIds = null, long individuals = 250)
        => new { detectedAt, description = "Unauthorised access to a support tool", severity, assetIds = assetIds ?? [], individualsAffected = individuals };
}
