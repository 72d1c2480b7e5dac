using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

[Collection(GovernanceHostCollection.Name)]
public sealed class AuditTrailTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task The_chain_verifies_after_a_burst_of_concurrent_writes()
    {
        var before = await VerifyAsync();

        var writes = Enumerable.Range(0, 20).Select(i => fixture.Client.SendAsync(
            Send(HttpMethod.Put, "api/platform/profile", new { dailyActiveUsers = 100 + i, monthlyActiveUsers = 1_000, registeredUsers = 2_000 }).AsStaff(fixture, StaffRoles.Operator)));
        var responses = await Task.WhenAll(writes);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var after = await VerifyAsync();
        Assert.True(after.GetProperty("valid").GetBoolean(), after.ToString());
        Assert.True(after.GetProperty("entries").GetInt64() >= before.GetProperty("entries").GetInt64() + 20);
        Assert.Matches("^[0-9a-f]{64}$", after.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task Twenty_concurrent_appends_on_the_real_table_form_one_gapless_chain()
    {
        var log = fixture.Services.GetRequiredService<IAuditLog>();
        var resource = "test/" + Guid.NewGuid().ToString("N");

        var entries = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            log.AppendAsync(new AuditRecord(AuditActor.System("test"), "test.append", resource, "succeeded", null, new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }))));

        Assert.Equal(20, entries.Select(e => e.Sequence).Distinct().Count());
        var page = await log.QueryAsync(new AuditQuery(null, null, resource, null, 100));
        Assert.Equal(20, page.Entries.Count);
        var verification = await log.VerifyAsync();
        Assert.True(verification.Valid, verification.Reason);
    }

    [Fact]
    public async Task Staff_read_the_log_by_resource_and_only_auditors_may()
    {
        await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { dailyActiveUsers = 7, monthlyActiveUsers = 7, registeredUsers = 7 }).AsStaff(fixture, StaffRoles.Operator));

        var asOperator = await fixture.Client.SendAsync(Get("api/audit?resource=platform/profile").AsStaff(fixture, StaffRoles.Operator));
        var asAuditor = await fixture.Client.SendAsync(Get("api/audit?resource=platform/profile").AsStaff(fixture, StaffRoles.Auditor));

        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAuditor.StatusCode);
        var page = await asAuditor.Content.ReadFromJsonAsync<JsonElement>();
        var entry = page.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal("platform.size.set", entry.GetProperty("action").GetString());
        Assert.Equal("platform/profile", entry.GetProperty("resource").GetString());
    }

    private async Task<JsonElement> VerifyAsync()
    {
        var response = await fixture.Client.SendAsync(Get("api/audit/verify").AsStaff(fixture, StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
