using System.Net;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class PagingTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _driver = new(fixture);

    [Fact]
    public async Task Claims_and_apps_page_with_tokens_the_api_issued_and_reject_made_up_ones()
    {
        await _driver.RegisterAppAsync();
        await _driver.RegisterAppAsync();

        var first = await _driver.StaffJsonAsync(HttpMethod.Get, "api/apps?pageSize=1", StaffRoles.Operator);
        var token = first.GetProperty("continuationToken").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        var second = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/apps?pageSize=1&continuationToken={Uri.EscapeDataString(token!)}", StaffRoles.Operator);
        Assert.NotEqual(first.GetProperty("apps")[0].GetProperty("appId").GetString(), second.GetProperty("apps")[0].GetProperty("appId").GetString());

        await _driver.StaffJsonAsync(HttpMethod.Get, "api/apps?continuationToken=garbage!!", StaffRoles.Operator, expected: HttpStatusCode.BadRequest);
        await _driver.StaffJsonAsync(HttpMethod.Get, "api/claims?continuationToken=%25%25%25", StaffRoles.Reviewer, expected: HttpStatusCode.BadRequest);
    }
}
