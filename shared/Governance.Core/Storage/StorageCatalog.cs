using Microsoft.Extensions.Configuration;

namespace Governance.Core.Storage;

/// <summary>
/// Every table, blob container and queue the app uses. Provisioning, health checks and the
/// infrastructure test all read this list, so a new store is declared here once.
/// </summary>
public static class StorageCatalog
{
    public static IReadOnlyList<string> Tables { get; } =
    [
        TableNames.Disclosures,
        TableNames.Developers,
        TableNames.Apps,
        TableNames.OnboardingRequests,
        TableNames.Claims,
        TableNames.ClaimIndex,
        TableNames.Ledger,
        TableNames.PricingScans,
        TableNames.PricingFindings,
        TableNames.AuditLog,
        TableNames.AuditChains,
        TableNames.Idempotency,
        TableNames.Outbox,
        TableNames.Platform,
        TableNames.RateLimits,
        TableNames.WebhookEndpoints,
        TableNames.Timeline,
        TableNames.DataCatalog,
        TableNames.Exports,
        TableNames.Incidents,
        TableNames.Filings,
    ];

    public static IReadOnlyList<string> Containers { get; } =
    [
        ContainerNames.Disclosures,
        ContainerNames.Contracts,
        ContainerNames.Reports,
        ContainerNames.PricingObservations,
        ContainerNames.PricingScanResults,
        ContainerNames.AuditAnchors,
        ContainerNames.DisclosureDrafts,
        ContainerNames.IdempotencyResponses,
        ContainerNames.DisclosureRenderings,
    ];

    /// <summary>Queues by the setting that names them (trigger attributes use <c>%Setting%</c>) and their default name.</summary>
    public static IReadOnlyList<QueueSetting> Queues { get; } =
    [
        new("OnboardingQueue", "onboarding-checks"),
        new("ClaimsQueue", "claims"),
        new("PricingScansQueue", "pricing-scans"),
        new("CallbacksQueue", "callbacks"),
        new("EventsQueue", "events"),
        new("OutboxRelayQueue", "outbox-relay"),
        new("AuditVerificationQueue", "audit-verification"),
    ];

    /// <summary>
    /// The queue name a setting gives: its value, else the default. Services read the names validated at start-up
    /// through <see cref="QueueNameOptions"/>; this is where those come from.
    /// </summary>
    public static string QueueName(IConfiguration configuration, string setting)
    {
        var queue = Queues.FirstOrDefault(q => q.Setting == setting)
            ?? throw new ArgumentException($"'{setting}' is not a queue setting of this app.", nameof(setting));
        var configured = configuration[setting];
        return string.IsNullOrWhiteSpace(configured) ? queue.DefaultName : configured;
    }

    public static string PoisonQueueName(string queueName) => queueName + "-poison";
}

public sealed record QueueSetting(string Setting, string DefaultName);

public static class TableNames
{
    public const string Disclosures = "Disclosures";
    public const string Developers = "Developers";
    public const string Apps = "Apps";
    public const string OnboardingRequests = "OnboardingRequests";
    public const string Claims = "Claims";

    /// <summary>Index rows of the claims queries (by status, user, app, due date): <see cref="Governance.Core.Claims.ClaimIndex"/>.</summary>
    public const string ClaimIndex = "ClaimIndex";
    public const string Ledger = "Ledger";
    public const string PricingScans = "PricingScans";
    public const string PricingFindings = "PricingFindings";
    public const string AuditLog = "AuditLog";

    /// <summary>The audit log's chain directory, per-chain checkpoints and full-verification job: small, read by every verify.</summary>
    public const string AuditChains = "AuditChains";
    public const string Idempotency = "Idempotency";
    public const string Outbox = "Outbox";
    public const string Platform = "Platform";
    public const string RateLimits = "RateLimits";
    public const string WebhookEndpoints = "WebhookEndpoints";

    /// <summary>What happened when across duties, by UTC day (<see cref="Timeline.TimelineReader"/>).</summary>
    public const string Timeline = "Timeline";

    /// <summary>The data catalog: one partition holding the running totals, the assets and their names.</summary>
    public const string DataCatalog = "DataCatalog";

    /// <summary>Cross-border transfers, their index partitions and the expiry timer's due rows.</summary>
    public const string Exports = "Exports";

    /// <summary>Incidents, their index partition and the deadline timer's due rows.</summary>
    public const string Incidents = "Incidents";

    /// <summary>Regulatory filings and their index partition.</summary>
    public const string Filings = "Filings";
}

public static class ContainerNames
{
    public const string Disclosures = "disclosures";
    public const string Contracts = "contracts";
    public const string Reports = "reports";
    public const string PricingObservations = "pricing-observations";

    /// <summary>Per-shard test results of a pricing scan, merged by its finalize step (working data, not records).</summary>
    public const string PricingScanResults = "pricing-scan-results";
    public const string AuditAnchors = "audit-anchors";

    /// <summary>Draft Markdown: mutable, unlike <see cref="Disclosures"/> (published versions only, under immutability).</summary>
    public const string DisclosureDrafts = "disclosure-drafts";

    /// <summary>Idempotent response bodies too large for their <c>Idempotency</c> table row.</summary>
    public const string IdempotencyResponses = "idempotency-responses";

    /// <summary>
    /// HTML and diffs derived from published disclosure text, by content hash: a cache that can be emptied at
    /// any time (a missing rendering is made again), so mutable and outside any retention policy.
    /// </summary>
    public const string DisclosureRenderings = "disclosure-renderings";
}
