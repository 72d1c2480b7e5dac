using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Governance.Core.Health;
using Governance.Functions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Tests.Platform;

public sealed class HealthFunctionTests
{
    [Fact]
    public async Task Unreachable_storage_is_a_503_naming_each_failing_service()
    {
        // Nothing listens on port 9; the clients give up at once instead of retrying.
        const string unreachable = "http://127.0.0.1:9/devstoreaccount1";
        var key = new Azure.Storage.StorageSharedKeyCredential("devstoreaccount1", Governance.LocalHost.Storage.AzuriteProcess.DevelopmentAccountKey);
        var tables = new TableServiceClient(new Uri(unreachable), new TableSharedKeyCredential("devstoreaccount1", Governance.LocalHost.Storage.AzuriteProcess.DevelopmentAccountKey), new TableClientOptions { Retry = { MaxRetries = 0 } });
        var blobs = new BlobServiceClient(new Uri(unreachable), key, new BlobClientOptions { Retry = { MaxRetries = 0 } });
        var queues = new QueueServiceClient(new Uri(unreachable), key, new QueueClientOptions { Retry = { MaxRetries = 0 } });
        var health = new HealthService(tables, blobs, queues, Options.Create(new QueueNameOptions()), NullLogger<HealthService>.Instance);

        var result = await new HealthFunction(health).Run(new DefaultHttpContext().Request, CancellationToken.None);

        var objectResult = Assert.IsType<ObjectResult>(result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, objectResult.StatusCode);
        var json = System.Text.Json.JsonSerializer.Serialize(objectResult.Value, Governance.Core.Json.GovernanceJson.Options);
        Assert.Contains("\"status\":\"unhealthy\"", json, StringComparison.Ordinal);
        foreach (var service in new[] { "tables", "blobs", "queues" })
        {
            Assert.Contains($"\"{service}\":\"unreachable\"", json, StringComparison.Ordinal);
        }
    }
}
