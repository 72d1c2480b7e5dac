using System.Diagnostics;

namespace Governance.Bench.Harness;

/// <summary>Throughput and latency of <c>count</c> operations with at most <c>concurrency</c> in flight.</summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var latencies = new double[count];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        return new LoadResult(count / stopwatch.Elapsed.TotalSeconds, latencies);
    }
}

/// <summary>Operations per second, and each operation's latency in milliseconds.</summary>
public sealed record LoadResult(double PerSecond, IReadOnlyList<double> LatenciesMs)
{
    public double P99Ms => Stats.Percentile(LatenciesMs.ToList(), 99);
}
