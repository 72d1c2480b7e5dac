using System.Net;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Compliance;

/// <summary>The compliance records under the 2025 profile (the final Regulations and the 2024 cross-border Provisions), on a host of their own.</summary>
public sealed class Cn2025ComplianceTests(Cn2025HostFixture host) : IClassFixture<Cn2025HostFixture>
{
    private ComplianceApi Api => host.Api;

    [Fact]
    public async Task Personal_information_counts_per_transfer_and_sensitive_personal_information_has_its_own_threshold()
    {
        await Api.SetOperatorTypeAsync("other");
        var below = await Api.CreateAssetAsync("general", 999_999);
        var at = await Api.CreateAssetAsync("general", 1_000_000);
        var sensitive = await Api.CreateAssetAsync("general", 10_000, ["biometric"]);

        var recorded = await Api.PostAsync("api/exports", ComplianceApi.Export([below], "standard_contract"));
        Assert.Equal("cn-2025", recorded.GetProperty("profile").GetString());
        var problem = await Api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([at], "standard_contract"), HttpStatusCode.UnprocessableEntity,
            "compliance.export.personal-information-volume");
        Assert.Contains("Provisions on Promoting and Regulating Cross-Border Data Flows (2024)", problem.GetProperty("errors").GetProperty("compliance.export.personal-information-volume")[0].GetString(), StringComparison.Ordinal);
        await Api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([sensitive], "certification"), HttpStatusCode.UnprocessableEntity,
            "compliance.export.sensitive-personal-information");
        await Api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([await Api.CreateAssetAsync("core")], "security_assessment", "CAC-1"), HttpStatusCode.UnprocessableEntity,
            "compliance.export.core-data");
        await Api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([await Api.CreateAssetAsync("important")], "exemption"), HttpStatusCode.UnprocessableEntity,
            "compliance.export.important-data");

        // A security assessment stays valid 3 years under the 2024 Provisions (2 under the 2022 Measures the draft profile follows).
        var assessed = await Api.PostAsync("api/exports", ComplianceApi.Export([at], "security_assessment", "CAC-SA-2025", Api.Now.AddDays(1000)));
        Assert.Contains(assessed.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "compliance.export.personal-information-volume");
        await Api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([at], "security_assessment", "CAC-SA-2025", Api.Now.AddDays(1096)), HttpStatusCode.UnprocessableEntity,
            "compliance.export.assessment-validity");
    }

    [Fact]
    public async Task A_transfer_record_is_deleted_only_after_its_retention_period_leaving_a_tombstone_and_its_audit_entries()
    {
        var exportId = (await Api.PostAsync("api/exports", ComplianceApi.Export([await Api.CreateAssetAsync("general")], "standard_contract", expiresAt: Api.Now.AddDays(100))))
            .GetProperty("exportId").GetString()!;
        var retainUntil = (await Api.GetAsync($"api/exports/{exportId}")).GetProperty("retainUntil").GetDateTimeOffset();
        await Api.JsonAsync(HttpMethod.Delete, $"api/exports/{exportId}", StaffRoles.Operator, expected: HttpStatusCode.Conflict);

        host.Clock.Advance(retainUntil - Api.Now - TimeSpan.FromMinutes(1));
        await Api.JsonAsync(HttpMethod.Delete, $"api/exports/{exportId}", StaffRoles.Operator, expected: HttpStatusCode.Conflict);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var deleted = await Api.JsonAsync(HttpMethod.Delete, $"api/exports/{exportId}", StaffRoles.Operator);

        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.False(deleted.TryGetProperty("recipient", out _));
        Assert.Empty(deleted.GetProperty("assetIds").EnumerateArray());
        Assert.Equal(deleted.ToString(), (await Api.GetAsync($"api/exports/{exportId}")).ToString());
        Assert.Equal(deleted.ToString(), (await Api.JsonAsync(HttpMethod.Delete, $"api/exports/{exportId}", StaffRoles.Operator)).ToString());
        await Eventually.HoldsAsync(async () =>
        {
            var actions = (await Api.GetAsync($"api/audit?resource=compliance/exports/{exportId}")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
            return actions.Contains("export.recorded") && actions.Contains("export.deleted");
        }, TimeSpan.FromSeconds(30), "both audit entries of the export kept");
        await Eventually.HoldsAsync(async () =>
            (await Api.GetAsync("api/exports?status=deleted")).GetProperty("exports").EnumerateArray().Any(e => e.GetProperty("exportId").GetString() == exportId)
            && !(await Api.GetAsync("api/exports")).GetProperty("exports").EnumerateArray().Any(e => e.GetProperty("exportId").GetString() == exportId),
            TimeSpan.FromSeconds(30), "the tombstone listed only as deleted");
    }

    [Theory]
    [InlineData("critical_infrastructure", 1)]
    [InlineData("state_body", 2)]
    [InlineData("other", 4)]
    public async Task Incident_deadlines_follow_the_2025_measures_without_the_draft_s_eight_hour_report(string operatorType, int hours)
    {
        await Api.SetOperatorTypeAsync(operatorType);
        try
        {
            await IncidentDeadlinesAsync(hours);
        }
        finally
        {
            await Api.SetOperatorTypeAsync("other");
        }
    }

    private async Task IncidentDeadlinesAsync(int hours)
    {
        var important = await Api.CreateAssetAsync("important");
        var detectedAt = Api.Now.AddMinutes(-1);

        var major = await Api.PostAsync("api/incidents", IncidentApiTests.Incident("especially_major", detectedAt, [important], individuals: 200_000));
        var general = await Api.PostAsync("api/incidents", IncidentApiTests.Incident("general", detectedAt, [important], individuals: 0));

        Assert.Equal(["notify_individuals", "report"], ComplianceApi.Duties(major));
        Assert.Equal(detectedAt.AddHours(hours), ComplianceApi.Deadline(major, "report").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(detectedAt.AddHours(24), ComplianceApi.Deadline(major, "notify_individuals").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Empty(ComplianceApi.Duties(general));

        host.Clock.Advance(TimeSpan.FromHours(hours));
        var later = await Api.GetAsync($"api/incidents/{major.GetProperty("incidentId").GetString()}");
        Assert.Equal("missed", ComplianceApi.Deadline(later, "report").GetProperty("status").GetString());
        Assert.Equal("open", ComplianceApi.Deadline(later, "notify_individuals").GetProperty("status").GetString());
    }
}

/// <summary>Filing duties under the 2025 profile, decided from a data catalog that starts empty (a host of this class's own).</summary>
public sealed class Cn2025FilingTests(Cn2025HostFixture host) : IClassFixture<Cn2025HostFixture>
{
    private ComplianceApi Api => host.Api;

    [Fact]
    public async Task Filing_duties_follow_the_2025_rules_and_a_foreign_listing_needs_more_than_a_million_individuals()
    {
        var occursAt = Api.Now.AddDays(30);
        async Task<IReadOnlyList<string>> DutiesAsync(string kind, bool affectsNationalSecurity)
            => ComplianceApi.Duties(await Api.PostAsync("api/filings", new { kind, occursAt, facts = new { affectsNationalSecurity } }));

        // The catalog of this host starts empty: no important data, no personal information.
        Assert.Empty(await DutiesAsync("foreign_listing", true));
        Assert.Equal(["data_disposal_plan"], await DutiesAsync("dissolution", false));
        Assert.Equal(["national_security_review"], await DutiesAsync("merger", true));
        Assert.Equal(["national_security_review"], await DutiesAsync("hong_kong_listing", true));
        Assert.Empty(await DutiesAsync("hong_kong_listing", false));
        Assert.Empty(await DutiesAsync("overseas_centre", false));

        var asset = await Api.CreateAssetAsync("important", 1_000_000);
        Assert.Empty(await DutiesAsync("foreign_listing", false));
        Assert.Equal(["important_data_disposal_report", "national_security_review", "notify_individuals_of_recipient"], await DutiesAsync("division", true));
        Assert.Equal(["notify_individuals_of_recipient"], await DutiesAsync("reorganization", false));
        Assert.Equal(["data_disposal_plan", "important_data_disposal_report", "notify_individuals_of_recipient"], await DutiesAsync("dissolution", false));

        var name = (await Api.GetAsync($"api/data-assets/{asset}")).GetProperty("name").GetString();
        await Api.JsonAsync(HttpMethod.Put, $"api/data-assets/{asset}", StaffRoles.Operator, ComplianceApi.Asset("important", 1_000_001, name: name));
        var listing = await Api.PostAsync("api/filings", new { kind = "foreign_listing", occursAt, facts = new { } });
        var review = Assert.Single(listing.GetProperty("duties").EnumerateArray());
        Assert.Equal("cybersecurity_review", review.GetProperty("duty").GetString());
        Assert.Equal("Cybersecurity Review Measures (2022), Art. 7", review.GetProperty("citation").GetString());
        Assert.Equal(occursAt, review.GetProperty("dueAt").GetDateTimeOffset());
    }
}
