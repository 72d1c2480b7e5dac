using System.Diagnostics;

namespace Governance.Bench.Pricing;

/// <summary>Wall time, CPU time and the peak managed heap (sampled every 5 ms) of one phase.</summary>
internal sealed record Measurement(TimeSpan Wall, TimeSpan Cpu, long PeakHeapBytes)
{
    public static async Task<(T Result, Measurement Measurement)> RunAsync<T>(Func<Task<T>> phase)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long peak = GC.GetTotalMemory(false);
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(5, done.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var wall = Stopwatch.StartNew();
        var result = await phase();
        wall.Stop();
        await done.CancelAsync();
        await sampler;
        process.Refresh();
        return (result, new Measurement(wall.Elapsed, process.TotalProcessorTime - cpu, Math.Max(peak, GC.GetTotalMemory(false))));
    }

    public string Describe() => $"{Wall.TotalSeconds,7:F2} s wall, {Cpu.TotalSeconds,7:F2} s CPU, peak heap {PeakHeapBytes / 1048576.0,6:F0} MiB";
}
