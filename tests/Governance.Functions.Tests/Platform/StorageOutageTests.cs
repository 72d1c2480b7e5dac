using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Platform;

/// <summary>While storage cannot be reached, requests that need it are 503 problems with Retry-After, not 500s.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Requests_that_need_unreachable_storage_are_503_problems_with_retry_after()
    {
        // A host of its own on an Azurite of its own, which then stops: every storage call fails to connect.
        var azurite = await AzuriteProcess.StartAsync(GovernanceHostFixture.RepositoryRoot, (0, 0, 0), inMemory: true);
        var options = new LocalHostOptions { Port = 0, RepositoryRoot = GovernanceHostFixture.RepositoryRoot, MinimumLogLevel = LogLevel.Critical };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        foreach (var schedule in new[] { "AuditAnchorSchedule", "AuditCheckpointSchedule", "RecourseOverdueSchedule", "RetentionCleanupSchedule", "PricingScanSchedule", "OutboxRelaySchedule", "DisclosureActivationSchedule" })
        {
            options.Settings[schedule] = "0 0 0 1 1 *";
        }

        await using var host = await LocalFunctionsHost.StartAsync(options);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await azurite.DisposeAsync();

        var read = await client.GetAsync("api/public/disclosures");
        var signUp = await client.PostAsJsonAsync("api/developers", new { organization = "Acme", contactEmail = "dev@example.com" });

        foreach (var response in new[] { read, signUp })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }
    }
}
