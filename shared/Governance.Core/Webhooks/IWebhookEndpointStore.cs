namespace Governance.Core.Webhooks;

public interface IWebhookEndpointStore
{
    Task<WebhookEndpoint?> GetAsync(string ownerId, string endpointId, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces an endpoint (enabled), keeping its secret unless a new one is given.</summary>
    Task<WebhookEndpoint> PutAsync(string ownerId, string endpointId, string url, string? secret = null, CancellationToken cancellationToken = default);

    Task DisableAsync(string ownerId, string endpointId, string reason, CancellationToken cancellationToken = default);
}

public interface IWebhookDeliveryQueue
{
    Task EnqueueAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken = default);
}
