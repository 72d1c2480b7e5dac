using System.Text.Json;
using Governance.Core.Json;
using Governance.Core.Webhooks.Outbound;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Webhooks;

public sealed class DeliverCallbackFunction(OutboundWebhooks webhooks)
{
    /// <summary>Sends one queued outbound webhook; a failed attempt is queued again with backoff by Core.</summary>
    [Function("DeliverCallback")]
    public async Task Run(
        [QueueTrigger("%CallbacksQueue%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        var delivery = JsonSerializer.Deserialize<OutboundWebhookMessage>(message, GovernanceJson.Options)
            ?? throw new InvalidOperationException("The callbacks queue message is empty.");
        await webhooks.DeliverAsync(delivery, cancellationToken);
    }
}
