using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Health;

public sealed record HealthReport(bool Healthy, IReadOnlyDictionary<string, string> Checks);

/// <summary>Asks each storage service for one store the app cannot work without.</summary>
public sealed class HealthService(
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    IOptions<QueueNameOptions> queueNames,
    ILogger<HealthService> logger)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var queueName = queueNames.Value.All.First();
        var results = await Task.WhenAll(
            Probe("tables", async ct =>
            {
                await foreach (var _ in tables.GetTableClient(TableNames.AuditLog).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages(pageSizeHint: 1))
                {
                    break;
                }

                return true;
            }, cancellationToken),
            Probe("blobs", async ct => (await blobs.GetBlobContainerClient(ContainerNames.Disclosures).ExistsAsync(ct)).Value, cancellationToken),
            Probe("queues", async ct => (await queues.GetQueueClient(queueName).ExistsAsync(ct)).Value, cancellationToken));

        var checks = results.ToDictionary(r => r.Name, r => r.Outcome, StringComparer.Ordinal);
        return new HealthReport(results.All(r => r.Outcome == "ok"), checks);
    }

    private async Task<(string Name, string Outcome)> Probe(string name, Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return (name, await probe(timeout.Token) ? "ok" : "missing");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Health check of {Service} timed out after {Timeout}.", name, CheckTimeout);
            return (name, "timeout");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Health check of {Service} failed.", name);
            return (name, "unreachable");
        }
    }
}
