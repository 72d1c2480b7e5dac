using System.Diagnostics;

namespace Governance.Bench;

/// <summary>Runs <c>count</c> operations with at most <c>concurrency</c> in flight; returns operations per second.</summary>
public static class Load
{
    public static async Task<double> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await operation(i);
            }
        });
        await Task.WhenAll(workers);
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
