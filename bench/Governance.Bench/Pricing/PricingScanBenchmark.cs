using System.Globalization;
using Governance.Bench.Harness;
using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Segments;
using Governance.Core.Tests.Pricing.Synthetic;

namespace Governance.Bench.Pricing;

/// <summary>
/// Scanning N observations (all shards, one after the other, then the finalize step) against only reading and
/// parsing the same segments, for growing N (target: scan ≤ 2× the time of the read). Observations come 100,000 a
/// day, so a larger N is a longer window: time should grow linearly and the peak heap stay flat (one shard and day
/// in memory at a time). Segments are local files, so this measures parsing and scanning, not the network.
/// </summary>
internal sealed class PricingScanBenchmark : IBenchmark
{
    public const double MaximumTimeRatio = 2.0;
    private const int PerDay = 100_000;
    private const int Shards = 16;
    private static readonly DateOnly FirstDay = new(2026, 4, 1);

    public string Name => "pricing-scan";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var rounds = context.Args.Rounds(full: 5);
        var sizes = context.Args.Ints("--sizes", full: [100_000, 1_000_000, 3_000_000], quick: [100_000, 1_000_000]);
        var root = Path.Combine(Path.GetTempPath(), "governance-pricing-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var source = new DirectorySegments(root, Shards);
        try
        {
            var days = (sizes.Max() + PerDay - 1) / PerDay;
            var (bytes, generation) = await Measurement.RunAsync(async () =>
            {
                long total = 0;
                for (var d = 0; d < days; d++)
                {
                    context.Report($"generating day {d + 1}/{days}");
                    var market = SyntheticMarket.Generate(new MarketParameters
                    {
                        Seed = 1000 + d, Products = 40, ObservationsPerProduct = PerDay / 40, Days = 1, FirstDay = FirstDay.AddDays(d), PlantedEffects = 5,
                    });
                    total += await source.WriteAsync(market.Observations);
                }

                return total;
            });
            var policy = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
            // Warm up both paths (tiered JIT) on the first day.
            context.Report("warm-up");
            for (var i = 0; i < 3; i++)
            {
                await ReadAsync(source, Window(1));
                await ScanAsync(source, Window(1), policy);
            }

            var comparisons = new List<Comparison>();
            foreach (var size in sizes)
            {
                var window = Window((size + PerDay - 1) / PerDay);
                var reads = new List<Measurement>();
                var scans = new List<Measurement>();
                ScanOutcome? outcome = null;
                var comparison = await context.CompareAsync(
                    string.Create(CultureInfo.InvariantCulture, $"scan {size:N0} observations"), "s", rounds,
                    new Side("scan", async _ =>
                    {
                        var (o, m) = await Measurement.RunAsync(() => ScanAsync(source, window, policy));
                        (outcome, scans) = (o, [.. scans, m]);
                        return m.Wall.TotalSeconds;
                    }),
                    new Side("read and parse the segments", async _ =>
                    {
                        var (_, m) = await Measurement.RunAsync(() => ReadAsync(source, window));
                        reads.Add(m);
                        return m.Wall.TotalSeconds;
                    }),
                    lowerIsBetter: true, target: Target.RatioAtMost(MaximumTimeRatio));
                var observations = outcome!.Summary.Observations;
                comparisons.Add(comparison with
                {
                    Detail = string.Create(CultureInfo.InvariantCulture,
                        $"{observations / comparison.ProjectMedian:N0} vs {observations / comparison.BaselineMedian:N0} observations/s; peak GC heap {scans.Max(m => m.PeakHeapBytes) / 1048576.0:F0} vs {reads.Max(m => m.PeakHeapBytes) / 1048576.0:F0} MiB; "
                        + $"scan CPU {Stats.Median(scans.Select(m => m.Cpu.TotalMilliseconds * 1000 / observations).ToList()):F2} µs an observation; {outcome.Summary.Cells:N0} cells, {outcome.Summary.Tests:N0} tests, {outcome.Findings.Count} findings"),
                });
            }

            return new BenchmarkReport(
                "Pricing scan vs reading and parsing the same Parquet segments",
                string.Create(CultureInfo.InvariantCulture, $"{Shards} shards, {PerDay:N0} observations a day (a larger N is a longer window), segments of ~{20_000 / Shards:N0} rows on local disk; generated {days} days, {bytes / 1048576.0:F0} MiB of Parquet in {generation.Wall.TotalSeconds:F0} s."),
                comparisons,
                ["Time should grow linearly with N and the peak heap stay flat: one shard and day are in memory at a time."]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ScanWindow Window(int days)
        => new(new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(FirstDay.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static async Task<long> ReadAsync(DirectorySegments source, ScanWindow window)
    {
        long rows = 0;
        var batch = new SegmentBatch();
        using var buffer = new MemoryStream();
        for (var shard = 0; shard < Shards; shard++)
        {
            foreach (var day in window.Days())
            {
                await foreach (var name in source.ListAsync(day, shard, default))
                {
                    buffer.SetLength(0);
                    await source.CopyToAsync(name, buffer, default);
                    buffer.Position = 0;
                    await foreach (var rowGroup in batch.ReadAsync(buffer))
                    {
                        rows += rowGroup.RowCount;
                    }
                }
            }
        }

        return rows;
    }

    private static async Task<ScanOutcome> ScanAsync(DirectorySegments source, ScanWindow window, PolicyProfile profile)
    {
        var results = new List<Stream>();
        for (var shard = 0; shard < Shards; shard++)
        {
            var (_, result) = await ShardScanner.ScanAsync(source, window, shard, profile.Pricing);
            results.Add(new MemoryStream(result));
        }

        return ScanFinalizer.Merge("bench", results, profile);
    }
}
