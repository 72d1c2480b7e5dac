using System.Net;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Platform;

[Collection(GovernanceHostCollection.Name)]
public sealed class HealthTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Health_is_200_healthy_when_storage_answers()
    {
        var response = await fixture.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("storage").GetString());
    }
}
