using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Webhooks.Outbound;

public enum OutboundDeliveryOutcome
{
    Delivered,
    RetryScheduled,
    GaveUp,
    Refused,
}

/// <summary>
/// Signed outbound webhooks through the <c>callbacks</c> queue (kernel issue §2): a message per delivery, sent
/// with Standard Webhooks headers signed by the first secret of <c>Webhooks__Outbound__Secrets</c>. A failed
/// attempt is queued again, invisible for an exponential backoff, until <c>Webhooks__MaxDeliveryAttempts</c>;
/// a 410 from the receiver ends the delivery; the URL is checked against the callback policy at send time.
/// </summary>
public sealed class OutboundWebhooks(
    QueueServiceClient queues,
    IConfiguration configuration,
    CallbackUrlPolicy callbackPolicy,
    WebhookSignature signature,
    IOptions<WebhookOptions> options,
    OutboundWebhookHttp http,
    ILogger<OutboundWebhooks> logger)
{
    public const string QueueSetting = "CallbacksQueue";
    public const string SecretsSetting = "Webhooks:Outbound:Secrets";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private readonly QueueClient _queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting));

    public Task EnqueueAsync(string deliveryId, string url, object payload, CancellationToken cancellationToken = default)
        => SendAsync(new OutboundWebhookMessage(deliveryId, url, JsonSerializer.Serialize(payload, GovernanceJson.Options)), null, cancellationToken);

    public async Task<OutboundDeliveryOutcome> DeliverAsync(OutboundWebhookMessage message, CancellationToken cancellationToken = default)
    {
        if (await callbackPolicy.CheckAsync(message.Url, cancellationToken) is { } refused)
        {
            logger.LogWarning("Webhook {DeliveryId} not sent: the callback URL {Reason}", message.DeliveryId, refused);
            return OutboundDeliveryOutcome.Refused;
        }

        var secret = WebhookSecret.ParseList(configuration[SecretsSetting]).FirstOrDefault()
            ?? throw new InvalidOperationException("Setting 'Webhooks__Outbound__Secrets' has no webhook secret to sign outbound webhooks with.");
        var body = Encoding.UTF8.GetBytes(message.Body);
        var headers = signature.Sign(message.DeliveryId, body, secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookHeaders.IdHeader, headers.Id);
        request.Headers.Add(WebhookHeaders.TimestampHeader, headers.Timestamp);
        request.Headers.Add(WebhookHeaders.SignatureHeader, headers.Signature);

        HttpStatusCode? status = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.DeliveryTimeoutSeconds));
            using var response = await http.Client.SendAsync(request, timeout.Token);
            status = response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return OutboundDeliveryOutcome.Delivered;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Webhook {DeliveryId} attempt {Attempt} failed: {Error}", message.DeliveryId, message.Attempt, ex.Message);
        }

        if (status == HttpStatusCode.Gone)
        {
            logger.LogWarning("Webhook {DeliveryId}: the receiver answered 410 Gone; not retrying.", message.DeliveryId);
            return OutboundDeliveryOutcome.GaveUp;
        }

        if (message.Attempt >= options.Value.MaxDeliveryAttempts)
        {
            logger.LogError("Webhook {DeliveryId} to {Url} failed {Attempts} times; giving up.", message.DeliveryId, message.Url, message.Attempt);
            return OutboundDeliveryOutcome.GaveUp;
        }

        await SendAsync(message with { Attempt = message.Attempt + 1 }, Backoff(message.Attempt), cancellationToken);
        return OutboundDeliveryOutcome.RetryScheduled;
    }

    /// <summary>2, 4, 8, ... seconds after attempt 1, 2, 3, ..., at most an hour.</summary>
    public static TimeSpan Backoff(int attempt)
        => TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempt, 1, 30))));

    private async Task SendAsync(OutboundWebhookMessage message, TimeSpan? delay, CancellationToken cancellationToken)
        => await _queue.SendMessageAsync(JsonSerializer.Serialize(message, GovernanceJson.Options), delay, cancellationToken: cancellationToken);
}

/// <summary>The one HttpClient outbound webhooks use (pooled connections that follow DNS changes, no redirects).</summary>
public sealed class OutboundWebhookHttp : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    });

    public void Dispose() => Client.Dispose();
}
