using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Platform;

[Collection(GovernanceHostCollection.Name)]
public sealed class PlatformProfileApiTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Missing_numbers_are_400_with_a_field_error_each_and_the_stored_size_is_kept()
    {
        var before = await ReadAsync();

        var empty = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { }).AsStaff(fixture, StaffRoles.Operator));
        var partial = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { dailyActiveUsers = 5 }).AsStaff(fixture, StaffRoles.Operator));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.Equal(["dailyActiveUsers", "monthlyActiveUsers", "registeredUsers"], await ErrorFieldsAsync(empty));
        Assert.Equal(["monthlyActiveUsers", "registeredUsers"], await ErrorFieldsAsync(partial));
        var after = await ReadAsync();
        foreach (var field in new[] { "dailyActiveUsers", "monthlyActiveUsers", "registeredUsers", "updatedAt" })
        {
            Assert.Equal(before.GetProperty(field).ToString(), after.GetProperty(field).ToString());
        }
    }

    [Fact]
    public async Task A_request_that_only_declares_the_operator_type_keeps_the_size_and_one_with_part_of_a_size_is_400()
    {
        var before = await ReadAsync();

        var declared = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { operatorType = "state_body" }).AsStaff(fixture, StaffRoles.Operator));
        var partial = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { operatorType = "other", registeredUsers = 5 }).AsStaff(fixture, StaffRoles.Operator));
        var unknown = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { operatorType = "bank" }).AsStaff(fixture, StaffRoles.Operator));

        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.Equal(["dailyActiveUsers", "monthlyActiveUsers"], await ErrorFieldsAsync(partial));
        Assert.Equal(["operatorType"], await ErrorFieldsAsync(unknown));
        var after = await ReadAsync();
        Assert.Equal("state_body", after.GetProperty("operatorType").GetString());
        foreach (var field in new[] { "dailyActiveUsers", "monthlyActiveUsers", "registeredUsers" })
        {
            Assert.Equal(before.GetProperty(field).ToString(), after.GetProperty(field).ToString());
        }

        var restored = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { operatorType = before.TryGetProperty("operatorType", out var type) ? type.GetString() : "other" }).AsStaff(fixture, StaffRoles.Operator));
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    private async Task<JsonElement> ReadAsync()
    {
        var response = await fixture.Client.SendAsync(Get("api/platform/profile").AsStaff(fixture, StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }
}
