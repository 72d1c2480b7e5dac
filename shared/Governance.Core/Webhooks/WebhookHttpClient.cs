using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Governance.Core.Webhooks;

/// <summary>
/// The named <see cref="HttpClient"/> outbound webhooks are sent with: the SSRF-safe primary handler
/// (<see cref="CallbackHttpHandler"/>) under the standard resilience pipeline, configured for a delivery that the
/// callbacks queue already retries with backoff (<see cref="WebhookDeliveryService.Backoff"/>, up to
/// <c>Webhooks__MaxDeliveryAttempts</c>):
/// <list type="bullet">
/// <item>a POST is retried in the pipeline only when the connection could not be made (nothing was sent), once, so
/// the pipeline never delivers a webhook twice nor multiplies the queue's attempts;</item>
/// <item>the whole attempt, that retry included, fits in <c>Webhooks__DeliveryTimeoutSeconds</c> (total and attempt timeout);</item>
/// <item>circuit breakers are per receiver (scheme, host and port), so one failing receiver cannot stop deliveries to
/// the others; an open circuit, like a timeout, fails the attempt and the queue tries again later.</item>
/// </list>
/// </summary>
public static class WebhookHttpClient
{
    public const string Name = "webhooks";

    /// <summary>Delay before the one retry of a connection that could not be made.</summary>
    public static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromMilliseconds(250);

    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name)
            .ConfigurePrimaryHttpMessageHandler(sp => CallbackHttpHandler.Create(sp.GetRequiredService<IHostAddressResolver>(), sp.GetRequiredService<IOptions<WebhookOptions>>()))

            // The delivery service is a singleton holding its client; the primary handler recycles its connections
            // itself (PooledConnectionLifetime), so the factory never needs to rotate it.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => Configure(resilience, sp.GetRequiredService<IOptions<WebhookOptions>>().Value))
            .SelectPipelineByAuthority();
        return services;
    }

    public static void Configure(HttpStandardResilienceOptions resilience, WebhookOptions webhooks)
    {
        var budget = TimeSpan.FromSeconds(webhooks.DeliveryTimeoutSeconds);
        resilience.TotalRequestTimeout.Timeout = budget;
        resilience.AttemptTimeout.Timeout = budget;
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.Retry.Delay = ConnectRetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Constant;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(NothingWasSent(args.Outcome));

        // The breaker samples at least two attempt timeouts (the pipeline's own rule).
        var sampling = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, budget.Ticks * 2));
        resilience.CircuitBreaker.SamplingDuration = sampling;
    }

    /// <summary>The connection was refused or the name did not resolve: the request never left, so sending it again cannot duplicate it.</summary>
    public static bool NothingWasSent(Outcome<HttpResponseMessage> outcome)
        => outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}
