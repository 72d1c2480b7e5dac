namespace Governance.Core.Webhooks;

/// <summary>A receiver of outbound webhooks: where to send, the secret to sign with, and whether it still accepts them.</summary>
public sealed record WebhookEndpoint(string OwnerId, string EndpointId, string Url, string Secret, bool Disabled, string? DisabledReason = null, DateTimeOffset? DisabledAt = null);

/// <summary>One outbound webhook on the callbacks queue; the same message (with the attempt raised) is re-queued for a retry.</summary>
public sealed record WebhookDeliveryMessage(
    string DeliveryId,
    string OwnerId,
    string EndpointId,
    string EventType,
    string PayloadJson,
    DateTimeOffset CreatedAt,
    int Attempt = 1);

public enum WebhookDeliveryOutcome
{
    Delivered,
    RetryScheduled,

    /// <summary>The receiver answered 410 Gone: the endpoint is now disabled.</summary>
    EndpointGone,

    /// <summary>The endpoint was disabled (or removed) before this attempt; nothing was sent.</summary>
    EndpointDisabled,

    /// <summary>The URL is no longer allowed by the callback policy; nothing was sent and no retry will help.</summary>
    Refused,

    /// <summary>Every attempt failed.</summary>
    GaveUp,
}
