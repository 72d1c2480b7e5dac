using System.Diagnostics;

namespace Governance.Bench.Harness;

/// <summary>
/// Peak memory while one benchmark (or one phase) runs: the managed GC heap, sampled every 5 ms, and the
/// process's peak working set. On Linux the kernel's peak (VmHWM) is reset at the start by writing 5 to
/// /proc/self/clear_refs, so each benchmark's peak is its own rather than the run's so far; elsewhere the
/// working-set figure is the process's peak since it started, and is said so.
/// </summary>
public sealed class MemoryMeter : IAsyncDisposable
{
    private readonly CancellationTokenSource _done = new();
    private readonly Task _sampler;
    private long _peakHeap;

    private MemoryMeter(bool resetWorkingSet)
    {
        WorkingSetIsOwn = resetWorkingSet && TryResetPeakWorkingSet();
        _peakHeap = GC.GetTotalMemory(false);
        _sampler = Task.Run(SampleAsync);
    }

    /// <summary>True when the working-set peak covers only this meter's span.</summary>
    public bool WorkingSetIsOwn { get; }

    public long PeakHeapBytes => Math.Max(Interlocked.Read(ref _peakHeap), GC.GetTotalMemory(false));

    public static MemoryMeter Start(bool resetWorkingSet = false) => new(resetWorkingSet);

    public static long PeakWorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public MemoryPeak Peak() => new(PeakWorkingSetBytes(), PeakHeapBytes, WorkingSetIsOwn);

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _sampler;
        _done.Dispose();
    }

    private static bool TryResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task SampleAsync()
    {
        while (!_done.IsCancellationRequested)
        {
            var heap = GC.GetTotalMemory(false);
            if (heap > Interlocked.Read(ref _peakHeap))
            {
                Interlocked.Exchange(ref _peakHeap, heap);
            }

            try
            {
                await Task.Delay(5, _done.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Peak working set and peak managed heap, in bytes.</summary>
public sealed record MemoryPeak(long WorkingSetBytes, long HeapBytes, bool WorkingSetIsOwn)
{
    public string Describe() => $"peak working set {WorkingSetBytes / 1048576.0:F0} MiB{(WorkingSetIsOwn ? string.Empty : " (process so far)")}, peak GC heap {HeapBytes / 1048576.0:F0} MiB";
}
