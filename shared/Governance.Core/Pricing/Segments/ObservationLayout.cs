using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Governance.Core.Storage;
using Microsoft.Extensions.Options;

namespace Governance.Core.Pricing.Segments;

/// <summary>The layout the stored observations were written under, as recorded in <c>_layout.json</c>.</summary>
public sealed record ObservationLayoutRecord(int Version, int ShardCount, string ShardHash, string Partitioning);

/// <summary>
/// Guards the shard count: the first writer records it (create-only), and every later writer or scan checks
/// that the configured <see cref="PricingOptions.ShardCount"/> matches, because a silently changed count would
/// put a product's observations in two shards and split its cells.
/// </summary>
public sealed class ObservationLayout(BlobServiceClient blobs, IOptions<PricingOptions> options)
{
    public const string ShardHashName = "xxhash3-64(utf8(productId)) mod shardCount";
    public const string PartitioningName = "date=YYYY-MM-DD/shard=NNN/part-{xxhash128 of rows}.parquet";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.PricingObservations);
    private int _verified;

    public int ShardCount => options.Value.ShardCount;

    public BlobContainerClient Container => _container;

    /// <summary>Records the layout if none is, or checks the recorded one; throws when they differ.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _verified) == 1)
        {
            return;
        }

        var expected = new ObservationLayoutRecord(1, ShardCount, ShardHashName, PartitioningName);
        var blob = _container.GetBlobClient(ObservationPaths.LayoutName);
        ObservationLayoutRecord? stored;
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            stored = content.Value.Content.ToObjectFromJson<ObservationLayoutRecord>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(expected, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
                stored = expected;
            }
            catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // Another writer recorded it first: check theirs.
                _verified = 0;
                await EnsureAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (stored is null || stored.ShardCount != expected.ShardCount || stored.ShardHash != expected.ShardHash)
        {
            throw new InvalidOperationException(
                $"Pricing__ShardCount is {ShardCount}, but the observations in '{ContainerNames.PricingObservations}' were written with " +
                $"{stored?.ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unreadable layout"} shards ({ObservationPaths.LayoutName}). " +
                "Set it back, or re-shard the stored segments before changing it.");
        }

        Volatile.Write(ref _verified, 1);
    }
}
