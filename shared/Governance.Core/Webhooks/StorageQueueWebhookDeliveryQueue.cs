using Governance.Core.Storage;

namespace Governance.Core.Webhooks;

/// <summary>The callbacks queue (setting <c>CallbacksQueue</c>); a delay becomes the message's initial invisibility.</summary>
public sealed class StorageQueueWebhookDeliveryQueue(QueueSender sender) : IWebhookDeliveryQueue
{
    public const string QueueSetting = "CallbacksQueue";

    public Task EnqueueAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
        => sender.SendJsonAsync(QueueSetting, message, delay, cancellationToken);
}
