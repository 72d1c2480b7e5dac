using System.Globalization;
using System.Text;
using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Segments;
using Governance.Core.Tests.Pricing.Synthetic;

namespace Governance.Bench.Pricing;

/// <summary>
/// Scanning N observations (all shards, one after the other, then the finalize step) against only reading and
/// parsing the same segments, for growing N. Observations come 100,000 a day, so a larger N is a longer window:
/// time should grow linearly and the peak heap stay flat (one shard and day in memory at a time).
/// </summary>
internal static class PricingScanBenchmark
{
    private const int PerDay = 100_000;
    private const int Shards = 16;
    private static readonly DateOnly FirstDay = new(2026, 4, 1);

    public static async Task<string> RunAsync(IReadOnlyList<int> sizes)
    {
        var root = Path.Combine(Path.GetTempPath(), "governance-pricing-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var source = new DirectorySegments(root, Shards);
        var report = new StringBuilder();
        try
        {
            var days = (sizes.Max() + PerDay - 1) / PerDay;
            var (bytes, generation) = await Measurement.RunAsync(async () =>
            {
                long total = 0;
                for (var d = 0; d < days; d++)
                {
                    var market = SyntheticMarket.Generate(new MarketParameters
                    {
                        Seed = 1000 + d, Products = 40, ObservationsPerProduct = PerDay / 40, Days = 1, FirstDay = FirstDay.AddDays(d), PlantedEffects = 5,
                    });
                    total += await source.WriteAsync(market.Observations);
                }

                return total;
            });
            report.AppendLine(CultureInfo.InvariantCulture, $"Pricing scan vs read-only ({Shards} shards, {PerDay:N0} observations a day, segments of ~{20_000 / Shards:N0} rows on local disk, {Environment.ProcessorCount} cores)");
            report.AppendLine(CultureInfo.InvariantCulture, $"  generated {days} days, {bytes / 1048576.0:F0} MiB of Parquet: {generation.Describe()}");
            var policy = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
            // Warm up both paths (tiered JIT) on the first day.
            for (var i = 0; i < 3; i++)
            {
                await ReadAsync(source, Window(1));
                await ScanAsync(source, Window(1), policy);
            }

            foreach (var size in sizes)
            {
                var window = Window((size + PerDay - 1) / PerDay);
                Measurement? read = null, scan = null;
                ScanOutcome? outcome = null;
                for (var round = 0; round < 3; round++)
                {
                    // Alternate the order so that neither side always gets the warmer file cache.
                    var order = round % 2 == 0 ? new[] { "read", "scan" } : ["scan", "read"];
                    foreach (var phase in order)
                    {
                        if (phase == "read")
                        {
                            var (_, m) = await Measurement.RunAsync(() => ReadAsync(source, window));
                            read = Best(read, m);
                        }
                        else
                        {
                            var (o, m) = await Measurement.RunAsync(() => ScanAsync(source, window, policy));
                            (scan, outcome) = (Best(scan, m), o);
                        }
                    }
                }

                report.AppendLine(CultureInfo.InvariantCulture, $"  {outcome!.Summary.Observations,9:N0} observations ({outcome.Summary.Cells:N0} cells, {outcome.Summary.Tests:N0} tests, {outcome.Findings.Count} findings)");
                report.AppendLine(CultureInfo.InvariantCulture, $"      read+parse {read!.Describe()}");
                report.AppendLine(CultureInfo.InvariantCulture, $"      scan       {scan!.Describe()}");
                report.AppendLine(CultureInfo.InvariantCulture, $"      scan/read  {scan.Wall / read.Wall:F2} wall, {scan.Cpu / read.Cpu:F2} CPU; scan CPU per observation {scan.Cpu.TotalMilliseconds * 1000 / outcome.Summary.Observations:F2} µs");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        return report.ToString();
    }

    private static ScanWindow Window(int days)
        => new(new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(FirstDay.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static Measurement Best(Measurement? a, Measurement b) => a is null || b.Wall < a.Wall ? b with { PeakHeapBytes = Math.Max(b.PeakHeapBytes, a?.PeakHeapBytes ?? 0) } : a with { PeakHeapBytes = Math.Max(a.PeakHeapBytes, b.PeakHeapBytes) };

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
