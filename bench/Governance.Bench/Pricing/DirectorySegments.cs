using System.Runtime.CompilerServices;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Segments;

namespace Governance.Bench.Pricing;

/// <summary>Segments as local files under the same names as in Blob storage, so the benchmark measures parsing and scanning, not the network.</summary>
internal sealed class DirectorySegments(string root, int shardCount) : IObservationSegments
{
    public int ShardCount => shardCount;

    public async Task<long> WriteAsync(IEnumerable<PriceObservation> observations)
    {
        long bytes = 0;
        foreach (var group in observations.GroupBy(o => (Day: ObservationPaths.DayOf(o.ObservedAt), Shard: ObservationPaths.ShardOf(o.ProductId, shardCount))))
        {
            // As ingestion writes them: one segment per request chunk and (day, shard); here 20,000 observations a request.
            foreach (var chunk in group.Chunk(20_000 / shardCount))
            {
                var rows = chunk.OrderBy(o => o, SegmentRowOrder.Instance).ToArray();
                var path = Path.Combine(root, ObservationPaths.SegmentName(group.Key.Day, group.Key.Shard, ObservationHashes.ContentHash(rows)));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var file = File.Create(path);
                await SegmentWriter.WriteAsync(rows, file);
                bytes += file.Length;
            }
        }

        return bytes;
    }

    public async IAsyncEnumerable<string> ListAsync(DateOnly day, int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var folder = Path.Combine(root, ObservationPaths.ShardPrefix(day, shard));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(root, file);
        }
    }

    public async Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(Path.Combine(root, name));
        await file.CopyToAsync(destination, cancellationToken);
    }
}
