using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Compliance;

/// <summary>Cross-border transfers under the default profile (cn-2021-draft): recorded, listed, refused rule by rule, kept.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ExportApiTests(GovernanceHostFixture fixture)
{
    private readonly ComplianceApi _api = new(fixture);

    [Fact]
    public async Task A_transfer_within_the_rules_is_recorded_and_found_through_each_filter()
    {
        var assetId = await _api.CreateAssetAsync("general");
        var country = "NZ";
        var created = await _api.PostAsync("api/exports", ComplianceApi.Export([assetId], "certification", "CERT-1", _api.Now.AddDays(200), country));
        var exportId = created.GetProperty("exportId").GetString()!;
        Assert.StartsWith("exp_", exportId, StringComparison.Ordinal);
        Assert.Equal("approved", created.GetProperty("status").GetString());
        Assert.Equal("cn-2021-draft", created.GetProperty("profile").GetString());
        Assert.Contains(created.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "compliance.export.record-retention");
        Assert.Equal(created.GetProperty("expiresAt").GetDateTimeOffset().AddYears(3), created.GetProperty("retainUntil").GetDateTimeOffset());

        foreach (var query in new[] { $"assetId={assetId}", $"asset={assetId}", $"recipientCountry={country}", $"country={country}", "route=certification", "status=approved", string.Empty })
        {
            Assert.Contains(exportId, await AllIdsAsync("api/exports?pageSize=100&" + query));
        }

        Assert.DoesNotContain(exportId, await AllIdsAsync("api/exports?pageSize=100&status=expired"));
        Assert.DoesNotContain(exportId, await AllIdsAsync($"api/exports?pageSize=100&assetId={assetId}&route=standard_contract"));
        Assert.Equal(created.ToString(), (await _api.GetAsync($"api/exports/{exportId}")).ToString());
    }

    [Fact]
    public async Task Core_data_is_never_exported_whatever_the_route()
    {
        var core = await _api.CreateAssetAsync("core");
        var problem = await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([core], "security_assessment", "CAC-2026-1"),
            HttpStatusCode.UnprocessableEntity, "compliance.export.core-data");
        Assert.Contains("Data Security Law of the PRC, Art. 21", problem.GetProperty("errors").GetProperty("compliance.export.core-data")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Important_data_needs_a_security_assessment_with_its_reference()
    {
        var important = await _api.CreateAssetAsync("important");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([important], "standard_contract"), HttpStatusCode.UnprocessableEntity, "compliance.export.important-data");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([important], "security_assessment"), HttpStatusCode.UnprocessableEntity, "compliance.export.important-data");

        var approved = await _api.PostAsync("api/exports", ComplianceApi.Export([important], "security_assessment", "CAC-SA-2026-0042"));
        Assert.Equal("CAC-SA-2026-0042", approved.GetProperty("reference").GetString());
        Assert.Equal(_api.Now.AddDays(730).Date, approved.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime.Date);
        Assert.Contains(approved.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "compliance.export.important-data");
    }

    [Fact]
    public async Task Personal_information_needs_a_security_assessment_once_the_platform_holds_that_of_a_million_individuals()
    {
        // The draft counts the individuals the processor holds (the catalog's running total), not those of the transfer.
        await _api.CreateAssetAsync("general", 1_000_000);
        var few = await _api.CreateAssetAsync("general", 20);

        var problem = await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([few], "standard_contract"), HttpStatusCode.UnprocessableEntity,
            "compliance.export.personal-information-volume");
        Assert.Contains("holds personal information of", problem.GetProperty("errors").GetProperty("compliance.export.personal-information-volume")[0].GetString(), StringComparison.Ordinal);
        await _api.PostAsync("api/exports", ComplianceApi.Export([few], "security_assessment", "CAC-SA-PI"));
        await _api.PostAsync("api/exports", ComplianceApi.Export([await _api.CreateAssetAsync("general")], "standard_contract"));
    }

    [Fact]
    public async Task Sensitive_personal_information_of_ten_thousand_individuals_needs_a_security_assessment()
    {
        var sensitive = await _api.CreateAssetAsync("general", 10_000, ["medical records"]);
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([sensitive], "exemption"), HttpStatusCode.UnprocessableEntity,
            "compliance.export.sensitive-personal-information");
        await _api.PostAsync("api/exports", ComplianceApi.Export([sensitive], "security_assessment", "CAC-SA-SPI"));
    }

    [Fact]
    public async Task A_critical_infrastructure_operator_needs_a_security_assessment_for_any_personal_information()
    {
        var few = await _api.CreateAssetAsync("general", 3);
        await _api.SetOperatorTypeAsync("critical_infrastructure");
        try
        {
            await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([few], "security_assessment"), HttpStatusCode.UnprocessableEntity,
                "compliance.export.critical-infrastructure");
            await _api.PostAsync("api/exports", ComplianceApi.Export([few], "security_assessment", "CAC-SA-CII"));
        }
        finally
        {
            await _api.SetOperatorTypeAsync("other");
        }
    }

    [Fact]
    public async Task An_approval_does_not_outlive_the_security_assessment()
    {
        var important = await _api.CreateAssetAsync("important");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([important], "security_assessment", "CAC-1", _api.Now.AddDays(731)),
            HttpStatusCode.UnprocessableEntity, "compliance.export.assessment-validity");
        await _api.PostAsync("api/exports", ComplianceApi.Export([important], "security_assessment", "CAC-1", _api.Now.AddDays(729)));
    }

    [Fact]
    public async Task Bad_transfers_are_400_problems_naming_each_field()
    {
        var assetId = await _api.CreateAssetAsync("general");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([assetId], "standard_contract", country: "ZZ"), HttpStatusCode.BadRequest, "recipient.country");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([assetId], "standard_contract", country: "de"), HttpStatusCode.BadRequest, "recipient.country");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([assetId], "standard_contract", country: "CN"), HttpStatusCode.BadRequest, "recipient.country");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([assetId], "standard_contract", expiresAt: _api.Now.AddMinutes(-1)), HttpStatusCode.BadRequest, "expiresAt");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([assetId], "by_courier"), HttpStatusCode.BadRequest, "route");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export(["ast_00000000000000000000000000000000"], "standard_contract"), HttpStatusCode.BadRequest, "assetIds[0]");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([assetId, "x/../y"], "standard_contract"), HttpStatusCode.BadRequest, "assetIds[1]");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports", ComplianceApi.Export([], "standard_contract"), HttpStatusCode.BadRequest, "assetIds");
        await _api.RefusedAsync(HttpMethod.Post, "api/exports",
            new { assetIds = new[] { assetId }, recipient = new { name = "A\u001bB", country = "DE" }, purpose = "p\u0000", route = "standard_contract" },
            HttpStatusCode.BadRequest, "recipient.name");
        var listProblem = await _api.JsonAsync(HttpMethod.Get, "api/exports?status=lost&recipientCountry=xx&route=ship&assetId=nope", StaffRoles.Auditor, expected: HttpStatusCode.BadRequest);
        Assert.Equal(["assetId", "recipientCountry", "route", "status"], listProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_transfer_before_its_retention_period_is_a_409_citing_the_rule_and_record_and_audit_stay()
    {
        var exportId = (await _api.PostAsync("api/exports", ComplianceApi.Export([await _api.CreateAssetAsync("general")], "standard_contract"))).GetProperty("exportId").GetString()!;

        var problem = await _api.JsonAsync(HttpMethod.Delete, $"api/exports/{exportId}", StaffRoles.Operator, expected: HttpStatusCode.Conflict);
        Assert.Contains("compliance.export.record-retention", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("compliance.export.record-retention", out _));
        Assert.Equal("approved", (await _api.GetAsync($"api/exports/{exportId}")).GetProperty("status").GetString());
        await Eventually.HoldsAsync(
            async () => (await _api.GetAsync($"api/audit?resource=compliance/exports/{exportId}")).GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("action").GetString() == "export.recorded"),
            TimeSpan.FromSeconds(30), "the export's audit entry");
        await _api.JsonAsync(HttpMethod.Delete, $"api/exports/{exportId}", StaffRoles.Auditor, expected: HttpStatusCode.Forbidden);
        await _api.JsonAsync(HttpMethod.Delete, "api/exports/exp_00000000000000000000000000000000", StaffRoles.Operator, expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approvals_are_flagged_within_the_profiles_window_and_expire_at_their_time()
    {
        var soon = (await _api.PostAsync("api/exports", ComplianceApi.Export([await _api.CreateAssetAsync("general")], "standard_contract", expiresAt: _api.Now.AddHours(20)))).GetProperty("exportId").GetString()!;
        var later = (await _api.PostAsync("api/exports", ComplianceApi.Export([await _api.CreateAssetAsync("general")], "standard_contract", expiresAt: _api.Now.AddDays(61)))).GetProperty("exportId").GetString()!;

        await _api.RunAsync("ExportExpiry");

        var flagged = await _api.GetAsync($"api/exports/{soon}");
        var flag = Assert.Single(flagged.GetProperty("flags").EnumerateArray());
        Assert.Equal("compliance.export.expiry-warning", flag.GetProperty("rule").GetString());
        Assert.StartsWith("expiry:", flag.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Empty((await _api.GetAsync($"api/exports/{later}")).GetProperty("flags").EnumerateArray());

        fixture.Clock.Advance(TimeSpan.FromHours(21));
        await _api.RunAsync("ExportExpiry");
        await _api.RunAsync("ExportExpiry");

        var expired = await _api.GetAsync($"api/exports/{soon}");
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Single(expired.GetProperty("flags").EnumerateArray());
        await Eventually.HoldsAsync(async () => (await AllIdsAsync("api/exports?status=expired&pageSize=100")).Contains(soon), TimeSpan.FromSeconds(30), "the expired export listed as expired");
        Assert.DoesNotContain(soon, await AllIdsAsync("api/exports?status=approved&pageSize=100"));
        Assert.Equal("approved", (await _api.GetAsync($"api/exports/{later}")).GetProperty("status").GetString());
    }

    private async Task<List<string>> AllIdsAsync(string path)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await _api.GetAsync(path + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            ids.AddRange(page.GetProperty("exports").EnumerateArray().Select(e => e.GetProperty("exportId").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        return ids;
    }
}
