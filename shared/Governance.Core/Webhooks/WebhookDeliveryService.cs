using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks;

/// <summary>
/// Sends outbound webhooks, signed per Standard Webhooks, with the client <see cref="WebhookHttpClient"/> registers. Each attempt is one queue message: a failure
/// (non-2xx, network error, timeout) re-queues the message with the next backoff delay until
/// <see cref="WebhookOptions.MaxDeliveryAttempts"/>; a 410 Gone disables the endpoint. The body and
/// <c>webhook-id</c> stay the same across attempts so the receiver can deduplicate; the timestamp and
/// signature are fresh for each attempt.
/// </summary>
public sealed class WebhookDeliveryService(
    HttpClient http,
    IWebhookEndpointStore endpoints,
    IWebhookDeliveryQueue queue,
    WebhookSignature signature,
    CallbackUrlPolicy urlPolicy,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryService> logger)
{
    /// <summary>Delay before attempt n+1 after attempt n failed (the last value repeats).</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
    ];

    /// <summary>Queues a new webhook for an endpoint; returns its <c>webhook-id</c>.</summary>
    public async Task<string> EnqueueAsync(string ownerId, string endpointId, string eventType, string payloadJson, string? deliveryId = null, CancellationToken cancellationToken = default)
    {
        using (JsonDocument.Parse(payloadJson))
        {
            // Only well-formed JSON is queued: a malformed payload is a bug of the caller, found here and not at delivery.
        }

        var id = deliveryId ?? "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await queue.EnqueueAsync(new WebhookDeliveryMessage(id, ownerId, endpointId, eventType, payloadJson, time.GetUtcNow()), TimeSpan.Zero, cancellationToken);
        return id;
    }

    public async Task<WebhookDeliveryOutcome> DeliverAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.GovernanceTelemetry.Webhooks.StartActivity("webhook deliver");
        activity?.SetTag("governance.webhook.delivery_id", message.DeliveryId);
        activity?.SetTag("governance.webhook.event_type", message.EventType);
        activity?.SetTag("governance.webhook.attempt", message.Attempt);
        var outcome = await DeliverOnceAsync(message, cancellationToken);
        activity?.SetTag("governance.webhook.outcome", outcome.ToString());
        Telemetry.GovernanceTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return outcome;
    }

    private async Task<WebhookDeliveryOutcome> DeliverOnceAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetAsync(message.OwnerId, message.EndpointId, cancellationToken);
        if (endpoint is null || endpoint.Disabled)
        {
            logger.LogInformation("Webhook {DeliveryId} dropped: endpoint {Owner}/{Endpoint} is disabled or gone.", message.DeliveryId, message.OwnerId, message.EndpointId);
            return WebhookDeliveryOutcome.EndpointDisabled;
        }

        if (await urlPolicy.CheckAsync(endpoint.Url, cancellationToken) is { } refusal)
        {
            logger.LogWarning("Webhook {DeliveryId} not sent: callback URL {Reason}", message.DeliveryId, refusal);
            return WebhookDeliveryOutcome.Refused;
        }

        var body = Body(message);
        var headers = signature.Sign(message.DeliveryId, body, WebhookSecret.Parse(endpoint.Secret));
        string failure;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.DeliveryTimeoutSeconds));
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookHeaders.IdHeader, headers.Id);
            request.Headers.Add(WebhookHeaders.TimestampHeader, headers.Timestamp);
            request.Headers.Add(WebhookHeaders.SignatureHeader, headers.Signature);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return WebhookDeliveryOutcome.Delivered;
            }

            if (response.StatusCode == HttpStatusCode.Gone)
            {
                await endpoints.DisableAsync(message.OwnerId, message.EndpointId, "The receiver answered 410 Gone.", cancellationToken);
                logger.LogWarning("Endpoint {Owner}/{Endpoint} answered 410 Gone and is now disabled.", message.OwnerId, message.EndpointId);
                return WebhookDeliveryOutcome.EndpointGone;
            }

            failure = $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "timed out";
        }
        catch (Polly.ExecutionRejectedException ex)
        {
            // The client's resilience pipeline (WebhookHttpClient) refused or cut the attempt: its time budget ran
            // out, or the receiver's circuit is open. Either way this attempt failed and the queue tries again later.
            failure = ex is Polly.Timeout.TimeoutRejectedException ? "timed out" : ex.Message;
        }

        if (message.Attempt >= options.Value.MaxDeliveryAttempts)
        {
            logger.LogError("Webhook {DeliveryId} to {Owner}/{Endpoint} gave up after {Attempts} attempts; last failure: {Failure}.", message.DeliveryId, message.OwnerId, message.EndpointId, message.Attempt, failure);
            return WebhookDeliveryOutcome.GaveUp;
        }

        var delay = Backoff[Math.Min(message.Attempt, Backoff.Count) - 1];
        await queue.EnqueueAsync(message with { Attempt = message.Attempt + 1 }, delay, cancellationToken);
        logger.LogInformation("Webhook {DeliveryId} attempt {Attempt} failed ({Failure}); retrying in {Delay}.", message.DeliveryId, message.Attempt, failure, delay);
        return WebhookDeliveryOutcome.RetryScheduled;
    }

    /// <summary>The Standard Webhooks envelope: <c>{"type", "timestamp", "data"}</c>, identical on every attempt.</summary>
    public static byte[] Body(WebhookDeliveryMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", message.EventType);
            json.WriteString("timestamp", message.CreatedAt.UtcDateTime);
            json.WritePropertyName("data");
            json.WriteRawValue(message.PayloadJson);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
