using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Hosting;

/// <summary>The local host routes like the Functions host: overlapping routes are tried in function-name order.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class RouteOrderTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task A_parameter_route_of_a_function_named_first_captures_a_literal_segment_as_on_azure()
    {
        var body = await fixture.Client.GetFromJsonAsync<JsonElement>("api/probe/route/recent");

        Assert.Equal("byId", body.GetProperty("handler").GetString());
        Assert.Equal("recent", body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_route_whose_method_does_not_match_falls_through_to_the_next_function()
    {
        var response = await fixture.Client.PostAsync("api/probe/route/recent", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("post", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handler").GetString());
    }
}
