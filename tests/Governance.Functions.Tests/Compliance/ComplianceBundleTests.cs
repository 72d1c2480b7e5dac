using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Security;
using Governance.Core.Timeline;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Compliance;

/// <summary>
/// The regulator's bundle over a period: other duties' facts from timeline rows written here through the index
/// follow-up handler (their producers are not in this branch), compliance records end to end, and the audit root.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ComplianceBundleTests(GovernanceHostFixture fixture)
{
    private readonly ComplianceApi _api = new(fixture);

    [Fact]
    public async Task The_bundle_holds_every_duty_s_facts_of_the_period_and_its_audit_root_is_the_head_hash_of_audit_verify()
    {
        var scenario = await BundleScenario.CreateAsync(fixture, _api);

        var bundle = await _api.GetAsync($"api/reports/compliance?{scenario.Query}");

        foreach (var (section, id) in scenario.OtherDuties)
        {
            Assert.Contains(bundle.GetProperty(section).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
            Assert.DoesNotContain(bundle.GetProperty(section).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString()!.StartsWith("outside-", StringComparison.Ordinal));
        }

        var finding = bundle.GetProperty("pricingFindings").GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == scenario.OtherDuties["pricingFindings"]);
        Assert.Equal("accountAgeDays", finding.GetProperty("summary").GetProperty("attribute").GetString());
        Assert.Contains(bundle.GetProperty("exports").GetProperty("items").EnumerateArray(), e => e.GetProperty("exportId").GetString() == scenario.ExportId);
        Assert.Contains(bundle.GetProperty("filings").GetProperty("items").EnumerateArray(), f => f.GetProperty("filingId").GetString() == scenario.FilingId);
        var incidents = bundle.GetProperty("incidents");
        var met = incidents.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == scenario.MetIncidentId);
        var missed = incidents.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == scenario.MissedIncidentId);
        Assert.Equal("met", ComplianceApi.Deadline(met, "report").GetProperty("status").GetString());
        Assert.Equal("missed", ComplianceApi.Deadline(missed, "report").GetProperty("status").GetString());
        Assert.True(incidents.GetProperty("deadlinesMet").GetInt32() >= 1);
        Assert.True(incidents.GetProperty("deadlinesMissed").GetInt32() >= 1);
        Assert.Equal(incidents.GetProperty("items").GetArrayLength(), incidents.GetProperty("count").GetInt32());

        // The root the bundle records is the head of the log when it was made: compare with verify while nothing is appended.
        for (var attempt = 0; ; attempt++)
        {
            var before = await CaughtUpHeadAsync();
            var made = await _api.GetAsync($"api/reports/compliance?{scenario.Query}");
            var after = await CaughtUpHeadAsync();
            if (before == after)
            {
                Assert.Equal(before, made.GetProperty("auditRootHash").GetString());
                Assert.Matches("^[0-9a-f]{64}$", before);
                break;
            }

            Assert.True(attempt < 10, "The audit log kept growing while the bundle was made.");
        }
    }

    [Theory]
    [InlineData("from=2026-01-01&to=2027-01-03", "to")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("from=2026-02-01&to=2026-02-01", "to")]
    [InlineData("to=2026-02-01", "from")]
    [InlineData("from=2026-01-01", "to")]
    [InlineData("from=yesterday&to=2026-02-01", "from")]
    [InlineData("from=1999-12-31&to=2000-01-02", "from")]
    public async Task A_period_that_is_missing_reversed_malformed_or_longer_than_366_days_is_a_400(string query, string field)
    {
        var problem = await _api.GetAsync($"api/reports/compliance?{query}", expected: HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_auditors_read_the_bundle_and_a_full_year_is_allowed()
    {
        await _api.GetAsync("api/reports/compliance?from=2025-01-01&to=2026-01-02", expected: HttpStatusCode.OK);
        await _api.GetAsync("api/reports/compliance?from=2025-01-01&to=2025-02-01", StaffRoles.Operator, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "zh-CN", "合规记录汇总")]
    [InlineData("en-GB,en;q=0.9", "en", "Compliance bundle")]
    public async Task With_accept_text_html_the_bundle_is_a_page_in_the_reader_s_language_without_script(string acceptLanguage, string language, string title)
    {
        var scenario = await BundleScenario.CreateAsync(fixture, _api);
        var request = _api.Request(HttpMethod.Get, $"api/reports/compliance?{scenario.Query}", StaffRoles.Auditor);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await _api.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(language, Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(scenario.ExportId, html, StringComparison.Ordinal);
        Assert.Contains(scenario.OtherDuties["claimsPrepaid"], html, StringComparison.Ordinal);
    }

    private async Task<string> CaughtUpHeadAsync()
    {
        while (true)
        {
            var verify = await _api.GetAsync("api/audit/verify");
            Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
            if (!verify.TryGetProperty("unverifiedEntries", out var unverified) || unverified.GetInt64() == 0)
            {
                return verify.GetProperty("headHash").GetString()!;
            }
        }
    }
}

/// <summary>A period with a fact of every duty in it (and some just outside it), and compliance records made through the API.</summary>
internal sealed record BundleScenario(string Query, Dictionary<string, string> OtherDuties, string ExportId, string FilingId, string MetIncidentId, string MissedIncidentId)
{
    public static async Task<BundleScenario> CreateAsync(GovernanceHostFixture fixture, ComplianceApi api)
    {
        await api.SetOperatorTypeAsync("other");
        var now = api.Now;
        var from = now.AddHours(-6);
        var to = now.AddHours(1);
        var handler = fixture.Services.GetServices<IFollowUpHandler>().Single(h => h.Type == "index");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var facts = new Dictionary<string, (string Kind, object Summary)>
        {
            ["disclosuresPublished"] = (TimelineKinds.DisclosurePublished, new { kind = "privacy-policy", version = 3, sha256 = new string('a', 64) }),
            ["appsOnboarded"] = (TimelineKinds.AppOnboarded, new { appId = "app-" + unique, developerId = "dev-" + unique }),
            ["appsSuspended"] = (TimelineKinds.AppSuspended, new { appId = "app-" + unique, reason = "Contract breach" }),
            ["claimsFiled"] = (TimelineKinds.ClaimFiled, new { claimId = "clm-" + unique, amount = new { amount = 1200, currency = "CNY" } }),
            ["claimsPrepaid"] = (TimelineKinds.ClaimPrepaid, new { claimId = "clm-" + unique, amount = new { amount = 1200, currency = "CNY" } }),
            ["pricingFindings"] = (TimelineKinds.PricingFinding, new { findingId = "pf-" + unique, attribute = "accountAgeDays" }),
        };
        var ids = new Dictionary<string, string>();
        foreach (var (section, (kind, summary)) in facts)
        {
            ids[section] = $"{section}-{unique}";
            await handler.RunAsync(TimelineFollowUp.Of(kind, ids[section], now.AddHours(-1), summary));
            await handler.RunAsync(TimelineFollowUp.Of(kind, "outside-before-" + unique, from.AddTicks(-1), summary));
            await handler.RunAsync(TimelineFollowUp.Of(kind, "outside-after-" + unique, to, summary));
        }

        var exportId = (await api.PostAsync("api/exports", ComplianceApi.Export([await api.CreateAssetAsync("general")], "standard_contract"))).GetProperty("exportId").GetString()!;
        var filingId = (await api.PostAsync("api/filings", new { kind = "dissolution", occursAt = now.AddDays(90), facts = new { } })).GetProperty("filingId").GetString()!;
        var met = (await api.PostAsync("api/incidents", IncidentApiTests.Incident("major", now.AddMinutes(-20), individuals: 0))).GetProperty("incidentId").GetString()!;
        await api.PostAsync($"api/incidents/{met}/actions", new { kind = "report", at = now.AddMinutes(-5), reference = "R-" + unique });
        var missed = (await api.PostAsync("api/incidents", IncidentApiTests.Incident("major", now.AddHours(-5), individuals: 0))).GetProperty("incidentId").GetString()!;
        var query = $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        return new BundleScenario(query, ids, exportId, filingId, met, missed);
    }
}
