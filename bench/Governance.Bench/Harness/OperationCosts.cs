using System.Diagnostics;
using System.Diagnostics.Metrics;
using Governance.LocalHost.Storage;

namespace Governance.Bench.Harness;

/// <summary>
/// What operations cost besides time: the HTTP requests this process sends to one Azurite (the storage
/// transactions Azure would bill), counted from the runtime's <c>http.client.request.duration</c> measurements
/// tagged with the server's port, and the CPU time of this process (the local host runs in it, and so does the
/// load generator; Azurite's own CPU is not included). Per operation, averaged over a round.
/// </summary>
public sealed class OperationCosts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<int> _ports;
    private long _requests;

    public OperationCosts(AzuriteProcess azurite)
    {
        _ports = [azurite.BlobPort, azurite.QueuePort, azurite.TablePort];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port && _ports.Contains(port))
                {
                    Interlocked.Increment(ref _requests);
                }
            }
        });
        _listener.Start();
    }

    public long StorageRequests => Interlocked.Read(ref _requests);

    /// <summary>Runs <paramref name="operations"/> operations and adds what one cost (on average) to <paramref name="costs"/>.</summary>
    public async Task<T> MeasureAsync<T>(int operations, List<OperationCost> costs, Func<Task<T>> run)
    {
        var (requests, cpu) = (StorageRequests, CpuSeconds());
        var result = await run();
        costs.Add(new OperationCost((StorageRequests - requests) / (double)operations, (CpuSeconds() - cpu) / operations));
        return result;
    }

    public void Dispose() => _listener.Dispose();

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}

/// <summary>Storage requests and CPU seconds (this process) of one operation.</summary>
public sealed record OperationCost(double StorageRequests, double CpuSeconds)
{
    /// <summary>The medians over rounds, e.g. "4.0 storage requests, 3.1 ms CPU".</summary>
    public static string Describe(IReadOnlyCollection<OperationCost> costs)
        => costs.Count == 0
            ? "not measured"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Stats.Median(costs.Select(c => c.StorageRequests).ToList()):0.0#} storage requests, {Figures.Format(Stats.Median(costs.Select(c => c.CpuSeconds * 1000).ToList()))} ms CPU");
}
