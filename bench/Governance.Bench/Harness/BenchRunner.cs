using System.Diagnostics;
using Governance.LocalHost.Configuration;

namespace Governance.Bench.Harness;

/// <summary>
/// Runs the selected benchmarks one after another, each inside a <see cref="MemoryMeter"/>, prints each one's
/// section as it finishes, and writes the results: for <c>all</c>, <c>bench/results/latest.md</c> and one SVG
/// per benchmark next to it; for a selection, the same under <c>bench/results/runs/</c> (not committed), so a
/// partial run never overwrites the full one.
/// </summary>
public static class BenchRunner
{
    public static async Task<int> RunAsync(string command, IReadOnlyList<IBenchmark> selected, BenchArgs args, string commandLine)
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmarks from the repository.");
        var machine = MachineInfo.Describe(root, TimeProvider.System);
        var output = args.String("--out") ?? Path.Combine(root, "bench", "results", command == "all" ? string.Empty : "runs");
        Directory.CreateDirectory(output);
        var progress = Progress.ForConsole();
        var reports = new List<BenchmarkReport>();
        var total = Stopwatch.StartNew();
        foreach (var benchmark in selected)
        {
            var report = await RunOneAsync(benchmark, args, progress);
            progress.Done();
            reports.Add(report);
            Console.WriteLine(MarkdownReport.Section(report));
            if (report.Comparisons.Count > 0)
            {
                ChartWriter.Write(report, Path.Combine(output, benchmark.Name + ".svg"));
            }
        }

        var file = Path.Combine(output, command == "all" ? "latest.md" : string.Join('+', selected.Select(b => b.Name)) + ".md");
        await File.WriteAllTextAsync(file, MarkdownReport.Document(machine, commandLine, reports, total.Elapsed));
        Console.WriteLine($"Wrote {Path.GetRelativePath(Environment.CurrentDirectory, file)} and the charts next to it ({total.Elapsed.TotalMinutes:F1} min).");
        return reports.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static async Task<BenchmarkReport> RunOneAsync(IBenchmark benchmark, BenchArgs args, Progress progress)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        await using var memory = MemoryMeter.Start(resetWorkingSet: true);
        try
        {
            progress.Report(benchmark.Name, "starting");
            var report = await benchmark.RunAsync(new BenchContext(benchmark.Name, args, progress));
            return report with { Name = benchmark.Name, Duration = clock.Elapsed, Memory = memory.Peak() };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One failing benchmark is reported in its section; the others still run.
            return new BenchmarkReport(benchmark.Name, string.Empty, [], []) { Name = benchmark.Name, Duration = clock.Elapsed, Error = e.GetType().Name + ": " + e.Message };
        }
    }
}
