using Azure;
using Azure.Storage.Queues;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Events;

/// <summary>
/// Publishes to the storage queue named by <c>EventsQueue</c> (default <c>events</c>): the message text is the
/// CloudEvents JSON, base64-encoded by the app's queue client. Queues have no duplicate detection, so
/// consumers deduplicate on the CloudEvents id.
/// </summary>
public sealed class StorageQueueEventPublisher(QueueClient queue) : IEventPublisher
{
    public const string QueueSetting = "EventsQueue";

    public StorageQueueEventPublisher(QueueServiceClient queues, IConfiguration configuration)
        : this(queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting)))
    {
    }

    public string QueueName => queue.Name;

    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.SendMessageAsync(outboxEvent.CloudEventJson, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            var transient = ex.Status is 0 or 408 or 429 or >= 500;
            throw new EventPublishException(transient, $"Queue '{queue.Name}' refused event {outboxEvent.EventId}: {ex.Status} {ex.ErrorCode}.", ex);
        }
    }
}
