using System.Net;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Hosting;

[Collection(GovernanceHostCollection.Name)]
public sealed class DisabledFunctionTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task A_function_disabled_by_app_setting_is_not_served()
    {
        var options = new LocalHostOptions { Port = 0, RepositoryRoot = GovernanceHostFixture.RepositoryRoot, MinimumLogLevel = LogLevel.Warning };
        options.Settings["AzureWebJobsStorage"] = fixture.StorageConnectionString;
        options.Settings["AzureWebJobs.Health.Disabled"] = "true";
        options.Settings["AzureWebJobs.OpenApiDocument.Disabled"] = "false";

        await using var host = await LocalFunctionsHost.StartAsync(options);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.DoesNotContain(host.Registry.Functions, f => f.Name == "Health");
        Assert.Contains(host.Registry.Functions, f => f.Name == "OpenApiDocument");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/openapi.json")).StatusCode);
    }
}
