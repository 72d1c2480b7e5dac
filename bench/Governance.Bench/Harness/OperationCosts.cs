using System.Diagnostics.Metrics;
using Governance.LocalHost.Storage;

namespace Governance.Bench.Harness;

/// <summary>
/// Counts the HTTP requests this process sends to one Azurite (the storage transactions Azure would bill), from
/// the runtime's <c>http.client.request.duration</c> measurements tagged with the server's port: the local host
/// runs in this process, so its requests are counted as well as the benchmark's own.
/// </summary>
public sealed class StorageRequests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<int> _ports;
    private long _count;

    public StorageRequests(AzuriteProcess azurite)
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
                    Interlocked.Increment(ref _count);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Runs <paramref name="operations"/> operations and adds the storage requests each needed (on average) to <paramref name="perOperation"/>.</summary>
    public async Task<T> CountAsync<T>(int operations, List<double> perOperation, Func<Task<T>> run)
    {
        var before = Count;
        var result = await run();
        perOperation.Add((Count - before) / (double)operations);
        return result;
    }

    public void Dispose() => _listener.Dispose();
}
