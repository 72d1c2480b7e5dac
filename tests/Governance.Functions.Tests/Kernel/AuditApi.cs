using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

/// <summary>Audit reads as an auditor makes them, and timer runs, for the audit tests.</summary>
internal static class AuditApi
{
    public static async Task<JsonElement> AuditPageAsync(this GovernanceHostFixture fixture, string path)
    {
        var response = await fixture.Client.SendAsync(Get(path).AsStaff(fixture, StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<JsonElement> VerifyAuditAsync(this GovernanceHostFixture fixture) => fixture.AuditPageAsync("api/audit/verify");

    /// <summary>Runs a timer or queue function now, as <c>POST /admin/functions/{name}</c> does on the Functions host.</summary>
    public static async Task RunFunctionAsync(this GovernanceHostFixture fixture, string function)
        => Assert.Equal(HttpStatusCode.Accepted, (await fixture.Client.PostAsJsonAsync($"admin/functions/{function}", new { input = "" })).StatusCode);
}
