namespace Governance.Core.Pricing;

/// <summary>Section <c>Pricing</c>: how observations are sharded (validated at start-up).</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>
    /// Product shards per day: the unit of a scan's fan-out. Recorded in <c>pricing-observations/_layout.json</c>
    /// with the first segment; a different value later stops ingestion and scans instead of silently re-sharding.
    /// </summary>
    public int ShardCount { get; set; } = 16;

    public const int MaxShardCount = 256;
}
