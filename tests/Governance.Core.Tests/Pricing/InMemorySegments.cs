using System.Runtime.CompilerServices;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Segments;

namespace Governance.Core.Tests.Pricing;

/// <summary>Segments in memory, laid out as ingestion lays them out in Blob storage (one per day and shard, rows sorted by cell).</summary>
public sealed class InMemorySegments : IObservationSegments
{
    private readonly SortedDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public int ShardCount { get; }

    public InMemorySegments(int shardCount) => ShardCount = shardCount;

    public IReadOnlyCollection<byte[]> Blobs => _blobs.Values;

    /// <summary>Adds observations as ingestion would: grouped by (day, shard), sorted, one segment per group and call.</summary>
    public async Task AddAsync(IEnumerable<PriceObservation> observations, int rowsPerSegment = int.MaxValue)
    {
        foreach (var group in observations.GroupBy(o => (Day: ObservationPaths.DayOf(o.ObservedAt), Shard: ObservationPaths.ShardOf(o.ProductId, ShardCount))))
        {
            foreach (var chunk in group.Chunk(rowsPerSegment))
            {
                var rows = chunk.OrderBy(o => o, SegmentRowOrder.Instance).ToArray();
                using var buffer = new MemoryStream();
                await SegmentWriter.WriteAsync(rows, buffer);
                _blobs[ObservationPaths.SegmentName(group.Key.Day, group.Key.Shard, ObservationHashes.ContentHash(rows))] = buffer.ToArray();
            }
        }
    }

    public async IAsyncEnumerable<string> ListAsync(DateOnly day, int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var prefix = ObservationPaths.ShardPrefix(day, shard);
        foreach (var name in _blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            yield return name;
        }
    }

    public Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken)
        => destination.WriteAsync(_blobs[name], cancellationToken).AsTask();
}
