using System.Diagnostics;

namespace Governance.Bench.Harness;

/// <summary>Wall time, CPU time and the peak managed heap (<see cref="MemoryMeter"/>) of one phase.</summary>
public sealed record Measurement(TimeSpan Wall, TimeSpan Cpu, long PeakHeapBytes)
{
    public static async Task<(T Result, Measurement Measurement)> RunAsync<T>(Func<Task<T>> phase)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        T result;
        long peak;
        var wall = Stopwatch.StartNew();
        await using (var memory = MemoryMeter.Start())
        {
            result = await phase();
            wall.Stop();
            peak = memory.PeakHeapBytes;
        }

        process.Refresh();
        return (result, new Measurement(wall.Elapsed, process.TotalProcessorTime - cpu, peak));
    }

    public string Describe() => $"{Wall.TotalSeconds:F2} s wall, {Cpu.TotalSeconds:F2} s CPU, peak heap {PeakHeapBytes / 1048576.0:F0} MiB";
}
