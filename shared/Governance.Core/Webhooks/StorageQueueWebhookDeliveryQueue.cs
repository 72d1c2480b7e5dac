using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Webhooks;

/// <summary>The callbacks queue (setting <c>CallbacksQueue</c>); a delay becomes the message's initial invisibility.</summary>
public sealed class StorageQueueWebhookDeliveryQueue(QueueServiceClient queues, IConfiguration configuration) : IWebhookDeliveryQueue
{
    public const string QueueSetting = "CallbacksQueue";

    private readonly QueueClient _queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting));

    public async Task EnqueueAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
        => await _queue.SendMessageAsync(
            JsonSerializer.Serialize(message, GovernanceJson.Options),
            visibilityTimeout: delay > TimeSpan.Zero ? delay : null,
            cancellationToken: cancellationToken);
}
