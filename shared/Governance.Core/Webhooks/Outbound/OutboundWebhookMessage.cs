namespace Governance.Core.Webhooks.Outbound;

/// <summary>
/// One webhook to deliver, as queued on <c>%CallbacksQueue%</c>. <see cref="DeliveryId"/> is the
/// <c>webhook-id</c> the receiver deduplicates on; it stays the same across retries.
/// </summary>
public sealed record OutboundWebhookMessage(string DeliveryId, string Url, string Body, int Attempt = 1);
