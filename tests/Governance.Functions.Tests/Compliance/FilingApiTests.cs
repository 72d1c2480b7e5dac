using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Compliance;

/// <summary>Filing duties of each kind of corporate event under the default profile (cn-2021-draft).</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class FilingApiTests(GovernanceHostFixture fixture)
{
    private readonly ComplianceApi _api = new(fixture);

    [Theory]
    [InlineData("merger", true, "cybersecurity_review,important_data_disposal_report,notify_individuals_of_recipient")]
    [InlineData("merger", false, "important_data_disposal_report,notify_individuals_of_recipient")]
    [InlineData("reorganization", true, "cybersecurity_review,important_data_disposal_report,notify_individuals_of_recipient")]
    [InlineData("division", true, "cybersecurity_review,important_data_disposal_report,notify_individuals_of_recipient")]
    [InlineData("foreign_listing", false, "cybersecurity_review")]
    [InlineData("hong_kong_listing", true, "cybersecurity_review")]
    [InlineData("hong_kong_listing", false, "")]
    [InlineData("dissolution", false, "data_disposal_plan,important_data_disposal_report,notify_individuals_of_recipient")]
    public async Task Each_kind_of_event_carries_the_duties_the_profile_gives_it_given_the_catalog(string kind, bool affectsNationalSecurity, string duties)
    {
        // The catalog holds important data and personal information of at least 1,000,000 people (running totals).
        await _api.CreateAssetAsync("important");
        await _api.CreateAssetAsync("general", 1_000_000);
        var occursAt = _api.Now.AddDays(45);

        var filing = await _api.PostAsync("api/filings", new { kind, occursAt, facts = new { affectsNationalSecurity } });

        Assert.Equal(duties.Split(',', StringSplitOptions.RemoveEmptyEntries), ComplianceApi.Duties(filing));
        Assert.StartsWith("fil_", filing.GetProperty("filingId").GetString(), StringComparison.Ordinal);
        Assert.True(filing.GetProperty("basis").GetProperty("importantDataHeld").GetBoolean());
        Assert.True(filing.GetProperty("basis").GetProperty("individualsWithPersonalInformation").GetInt64() >= 1_000_000);
        Assert.All(filing.GetProperty("duties").EnumerateArray(), d =>
        {
            Assert.Equal(occursAt, d.GetProperty("dueAt").GetDateTimeOffset());
            Assert.Equal("open", d.GetProperty("status").GetString());
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("citation").GetString()));
            Assert.StartsWith("compliance.filing.", d.GetProperty("rule").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_overseas_centre_is_reported_only_by_a_large_platform()
    {
        var occursAt = _api.Now.AddDays(10);
        var small = await _api.PostAsync("api/filings", new { kind = "overseas_centre", occursAt, facts = new { } });
        Assert.Empty(ComplianceApi.Duties(small));

        var size = await _api.GetAsync("api/platform/profile", StaffRoles.Operator);
        await PutSizeAsync(100_000_001, 100_000_001, 200_000_000);
        try
        {
            var large = await _api.PostAsync("api/filings", new { kind = "overseas_centre", occursAt, facts = new { } });
            var duty = Assert.Single(large.GetProperty("duties").EnumerateArray());
            Assert.Equal("overseas_centre_report", duty.GetProperty("duty").GetString());
            Assert.False(duty.TryGetProperty("dueAt", out _));
            Assert.True(large.GetProperty("basis").GetProperty("largePlatform").GetBoolean());
        }
        finally
        {
            await PutSizeAsync(size.GetProperty("dailyActiveUsers").GetInt64(), size.GetProperty("monthlyActiveUsers").GetInt64(), size.GetProperty("registeredUsers").GetInt64());
        }
    }

    [Fact]
    public async Task A_duty_is_closed_once_with_its_reference_and_one_past_due_is_overdue()
    {
        await _api.CreateAssetAsync("general", 1_000_000);
        var filing = await _api.PostAsync("api/filings", new { kind = "foreign_listing", occursAt = _api.Now.AddDays(-1), facts = new { } });
        var filingId = filing.GetProperty("filingId").GetString()!;
        Assert.Equal("overdue", filing.GetProperty("duties")[0].GetProperty("status").GetString());

        var at = _api.Now.AddMinutes(-3);
        var done = await _api.PostAsync($"api/filings/{filingId}/duties/cybersecurity_review/done", new { at, reference = "CRO-2026-77" }, HttpStatusCode.OK);
        var duty = done.GetProperty("duties")[0];
        Assert.Equal("done", duty.GetProperty("status").GetString());
        Assert.Equal("CRO-2026-77", duty.GetProperty("reference").GetString());
        Assert.Equal(at, duty.GetProperty("doneAt").GetDateTimeOffset());

        var again = await _api.PostAsync($"api/filings/{filingId}/duties/cybersecurity_review/done", new { at, reference = "CRO-2026-77" }, HttpStatusCode.OK);
        Assert.Equal(done.ToString(), again.ToString());
        await _api.PostAsync($"api/filings/{filingId}/duties/cybersecurity_review/done", new { at, reference = "CRO-OTHER" }, HttpStatusCode.Conflict);
        await _api.PostAsync($"api/filings/{filingId}/duties/tea_party/done", new { at, reference = "x" }, HttpStatusCode.NotFound);
        await _api.RefusedAsync(HttpMethod.Post, $"api/filings/{filingId}/duties/cybersecurity_review/done", new { at = _api.Now.AddDays(1), reference = "x" }, HttpStatusCode.BadRequest, "at");
        await _api.RefusedAsync(HttpMethod.Post, $"api/filings/{filingId}/duties/cybersecurity_review/done", new { at, reference = "" }, HttpStatusCode.BadRequest, "reference");
        Assert.Equal(done.ToString(), (await _api.GetAsync($"api/filings/{filingId}")).ToString());
    }

    [Fact]
    public async Task Bad_filings_are_400_problems_naming_the_field()
    {
        await _api.RefusedAsync(HttpMethod.Post, "api/filings", new { kind = "takeover", occursAt = _api.Now }, HttpStatusCode.BadRequest, "kind");
        await _api.RefusedAsync(HttpMethod.Post, "api/filings", new { kind = "merger" }, HttpStatusCode.BadRequest, "occursAt");
        await _api.RefusedAsync(HttpMethod.Post, "api/filings", new { kind = "merger", occursAt = new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero) }, HttpStatusCode.BadRequest, "occursAt");
        var listed = await _api.GetAsync("api/filings?pageSize=5");
        Assert.True(listed.GetProperty("filings").GetArrayLength() <= 5);
    }

    private Task<JsonElement> PutSizeAsync(long daily, long monthly, long registered)
        => _api.JsonAsync(HttpMethod.Put, "api/platform/profile", StaffRoles.Operator, new { dailyActiveUsers = daily, monthlyActiveUsers = monthly, registeredUsers = registered });
}
