using System.Globalization;

namespace Governance.Bench.Pricing;

/// <summary>
/// <c>pricing [--sizes 100000,1000000,3000000] [--requests 8] [--lines 20000] [--concurrency 4] [--only scan|ingest]</c>.
/// </summary>
internal static class PricingBenchmark
{
    public static async Task<string> RunAsync(IReadOnlyList<string> args)
    {
        int[] sizes = [100_000, 1_000_000, 3_000_000];
        int requests = 8, lines = 20_000, concurrency = 4;
        string? only = null;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--sizes":
                    sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--requests":
                    requests = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--lines":
                    lines = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--concurrency":
                    concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--only":
                    only = args[i + 1];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; use --sizes N,N --requests N --lines N --concurrency N --only scan|ingest.");
            }
        }

        var report = string.Empty;
        if (only is null or "ingest")
        {
            report += await PricingIngestionBenchmark.RunAsync(requests, lines, concurrency);
        }

        if (only is null or "scan")
        {
            report += await PricingScanBenchmark.RunAsync(sizes);
        }

        return report;
    }
}
