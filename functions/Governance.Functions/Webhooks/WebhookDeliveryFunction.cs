using Governance.Core.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Webhooks;

public sealed class WebhookDeliveryFunction(WebhookDeliveryService delivery)
{
    /// <summary>One attempt per message; retries are re-queued by the service with backoff, so the message completes.</summary>
    [Function("WebhookDelivery")]
    public Task Run([QueueTrigger("%CallbacksQueue%", Connection = "AzureWebJobsStorage")] WebhookDeliveryMessage message, CancellationToken cancellationToken)
        => delivery.DeliverAsync(message, cancellationToken);
}
