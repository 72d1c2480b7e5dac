using Azure;
using Governance.Core.Storage;

namespace Governance.Core.Events;

/// <summary>
/// Publishes to the storage queue named by <c>EventsQueue</c> (default <c>events</c>): the message text is the
/// CloudEvents JSON, base64-encoded by the app's queue client. Queues have no duplicate detection, so
/// consumers deduplicate on the CloudEvents id.
/// </summary>
public sealed class StorageQueueEventPublisher(QueueSender sender) : IEventPublisher
{
    public const string QueueSetting = "EventsQueue";

    public string QueueName => sender.QueueName(QueueSetting);

    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await sender.SendAsync(QueueSetting, outboxEvent.CloudEventJson, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            var transient = ex.Status is 0 or 408 or 429 or >= 500;
            throw new EventPublishException(transient, $"Queue '{QueueName}' refused event {outboxEvent.EventId}: {ex.Status} {ex.ErrorCode}.", ex);
        }
    }
}
