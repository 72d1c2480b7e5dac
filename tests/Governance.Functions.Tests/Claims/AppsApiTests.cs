using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class AppsApiTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _driver = new(fixture);

    [Fact]
    public async Task Operators_register_apps_once_and_operators_or_auditors_read_them()
    {
        var appId = ClaimsDriver.NewId("app");
        var created = await _driver.StaffJsonAsync(HttpMethod.Post, "api/apps", StaffRoles.Operator, new { appId, name = "Maps" }, HttpStatusCode.Created);
        Assert.Equal("active", created.GetProperty("status").GetString());
        await _driver.StaffJsonAsync(HttpMethod.Post, "api/apps", StaffRoles.Operator, new { appId, name = "Maps again" }, HttpStatusCode.Conflict);

        var invalid = await _driver.StaffJsonAsync(HttpMethod.Post, "api/apps", StaffRoles.Operator, new { appId = "bad/id?", name = "", developerId = "dev_nobody" }, HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("appId", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("developerId", out _));

        var one = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/apps/{appId}", StaffRoles.Auditor);
        Assert.Equal("Maps", one.GetProperty("name").GetString());
        var all = await _driver.StaffJsonAsync(HttpMethod.Get, "api/apps?pageSize=1000", StaffRoles.Operator);
        Assert.Contains(all.GetProperty("apps").EnumerateArray(), a => a.GetProperty("appId").GetString() == appId);
        await _driver.StaffJsonAsync(HttpMethod.Get, $"api/apps/{ClaimsDriver.NewId("missing")}", StaffRoles.Operator, expected: HttpStatusCode.NotFound);

        using var anonymous = await _driver.Client.PostAsJsonAsync("api/apps", new { appId = ClaimsDriver.NewId("app"), name = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var reviewer = await _driver.Client.SendAsync(_driver.Staff(HttpMethod.Post, "api/apps", StaffRoles.Reviewer, new { appId = ClaimsDriver.NewId("app"), name = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
    }
}
