using Governance.Core.Events;

namespace Governance.Core.Webhooks;

/// <summary>
/// An outbound webhook a change owes, queued for delivery by the relay after the commit. Its follow-up id is the
/// webhook's delivery id (<c>webhook-id</c>): a re-run queues it again under the same id, which receivers dedupe.
/// </summary>
public static class WebhookFollowUp
{
    public const string Type = "webhook";

    public static FollowUp Of(string deliveryId, string ownerId, string endpointId, string eventType, string payloadJson)
        => FollowUp.Create(Type, deliveryId, new WebhookPayload(ownerId, endpointId, eventType, payloadJson));
}

public sealed record WebhookPayload(string OwnerId, string EndpointId, string EventType, string PayloadJson);

public sealed class WebhookFollowUpHandler(WebhookDeliveryService delivery) : IFollowUpHandler
{
    public string Type => WebhookFollowUp.Type;

    public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var payload = followUp.Read<WebhookPayload>();
        return delivery.EnqueueAsync(payload.OwnerId, payload.EndpointId, payload.EventType, payload.PayloadJson, followUp.Id, cancellationToken);
    }
}
