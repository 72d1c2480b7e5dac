using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using System.Runtime.CompilerServices;

namespace Governance.Core.Pricing.Segments;

/// <summary>The stored segments of a (day, shard), as a scan sees them.</summary>
public interface IObservationSegments
{
    /// <summary>Names of the segments of a day and shard, in name order.</summary>
    IAsyncEnumerable<string> ListAsync(DateOnly day, int shard, CancellationToken cancellationToken);

    /// <summary>Copies a segment into <paramref name="destination"/>.</summary>
    Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken);
}

/// <summary>Segments in the <c>pricing-observations</c> container: one prefix listing per (day, shard), one download per segment.</summary>
public sealed class BlobObservationSegments(BlobContainerClient container) : IObservationSegments
{
    public async IAsyncEnumerable<string> ListAsync(DateOnly day, int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, ObservationPaths.ShardPrefix(day, shard), cancellationToken).ConfigureAwait(false))
        {
            if (item.Name.EndsWith(".parquet", StringComparison.Ordinal))
            {
                yield return item.Name;
            }
        }
    }

    public Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken)
        => container.GetBlobClient(name).DownloadToAsync(destination, cancellationToken);
}
