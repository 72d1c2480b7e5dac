using Governance.Core.Policies;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Scanning;

namespace Governance.Core.Tests.Pricing;

/// <summary>Runs the whole scan (segments, every shard, finalize) in memory, as the queue fan-out would on Blob storage.</summary>
public static class PricingScanHarness
{
    public static PolicyProfile Profile(string id = "cn-2021-draft") => PolicyProfileLoader.LoadEmbedded(id);

    public static async Task<ScanOutcome> ScanAsync(IEnumerable<PriceObservation> observations, ScanWindow window, PolicyProfile? profile = null, int shardCount = 4, int rowsPerSegment = int.MaxValue)
    {
        var segments = new InMemorySegments(shardCount);
        await segments.AddAsync(observations, rowsPerSegment);
        return await ScanAsync(segments, window, profile ?? Profile());
    }

    public static async Task<ScanOutcome> ScanAsync(InMemorySegments segments, ScanWindow window, PolicyProfile profile, string scanId = "scan-1")
    {
        var results = new List<Stream>();
        for (var shard = 0; shard < segments.ShardCount; shard++)
        {
            var (_, result) = await ShardScanner.ScanAsync(segments, window, shard, profile.Pricing);
            results.Add(new MemoryStream(result));
        }

        return ScanFinalizer.Merge(scanId, results, profile);
    }

    public static ScanWindow Days(DateOnly first, int days)
        => new(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(first.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
