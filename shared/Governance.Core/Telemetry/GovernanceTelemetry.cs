using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Core.Telemetry;

/// <summary>
/// The app's own spans and metrics: one <see cref="ActivitySource"/> per duty (all named <c>Governance.*</c>, which
/// <see cref="TelemetryServiceCollectionExtensions.AddGovernanceTelemetry"/> listens to) and one meter. Starting a
/// span costs nothing when no exporter listens (<c>StartActivity</c> returns null).
/// </summary>
public static class GovernanceTelemetry
{
    public const string SourcePrefix = "Governance";
    public const string MeterName = "Governance";

    public static readonly ActivitySource Kernel = new(SourcePrefix + ".Kernel");
    public static readonly ActivitySource Webhooks = new(SourcePrefix + ".Webhooks");
    public static readonly ActivitySource Events = new(SourcePrefix + ".Events");
    public static readonly ActivitySource Claims = new(SourcePrefix + ".Claims");
    public static readonly ActivitySource Disclosures = new(SourcePrefix + ".Disclosures");

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Requests refused by a rate limit, tagged with the limit's scope.</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("governance.rate_limit.refused", description: "Requests answered 429 by a rate limit.");

    /// <summary>Outbound webhook deliveries, tagged with their outcome.</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("governance.webhook.deliveries", description: "Outbound webhook delivery attempts by outcome.");
}
