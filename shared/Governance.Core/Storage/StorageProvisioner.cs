using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Storage;

/// <summary>Creates every store in <see cref="StorageCatalog"/>; safe to run on every start.</summary>
public sealed class StorageProvisioner(
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    IOptions<QueueNameOptions> queueNames,
    ILogger<StorageProvisioner> logger)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var work = new List<Task>();
        work.AddRange(StorageCatalog.Tables.Select(t => tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(StorageCatalog.Containers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        foreach (var queue in queueNames.Value.All)
        {
            work.Add(queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            work.Add(queues.GetQueueClient(StorageCatalog.PoisonQueueName(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }

        await Task.WhenAll(work);
        logger.LogInformation("Storage ready: {Tables} tables, {Containers} containers, {Queues} queues.",
            StorageCatalog.Tables.Count, StorageCatalog.Containers.Count, StorageCatalog.Queues.Count * 2);
    }
}
