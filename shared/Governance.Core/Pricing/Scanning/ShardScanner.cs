using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Governance.Core.Policies;
using Governance.Core.Pricing.Segments;
using Governance.Core.Storage;

namespace Governance.Core.Pricing.Scanning;

/// <summary>
/// Scans one product shard of a window: day by day, lists the shard's segments of that day, reads them row group by
/// row group into a <see cref="ShardDayAccumulator"/>, tests the day's cells and releases them before the next day,
/// so memory is bounded by one (shard, day) and stays flat however long the window is. Stores the shard's tests
/// (<see cref="ShardResultFile"/>) for <see cref="ScanFinalizer"/>, create-only: the first result stored for a
/// (scan, shard) stands, and running the shard again (a redelivered queue message, a retry after a crash) answers
/// with that result's counts without scanning, so observations ingested meanwhile never make two versions of it.
/// </summary>
public sealed class ShardScanner(BlobServiceClient blobs, ObservationLayout layout, IPolicyProfileProvider profiles)
{
    private readonly BlobContainerClient _results = blobs.GetBlobContainerClient(ContainerNames.PricingScanResults);

    public int ShardCount => layout.ShardCount;

    /// <param name="policy">The thresholds the scan decided on when it started; the active profile's when null.</param>
    public async Task<ShardResult> ScanAsync(string scanId, ScanWindow window, int shard, PricingPolicy? policy = null, CancellationToken cancellationToken = default)
    {
        ScanIds.Validate(scanId);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, layout.ShardCount);
        var name = ScanIds.ResultBlob(scanId, shard);
        var blob = _results.GetBlobClient(name);
        if (await StoredCountsAsync(blob, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return new ShardResult(scanId, shard, stored, name);
        }

        await layout.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var (counts, result) = await ScanAsync(new BlobObservationSegments(layout.Container), window, shard, policy ?? profiles.Current.Pricing, cancellationToken).ConfigureAwait(false);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(result), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // A concurrent run of the same shard stored its result first: that one stands.
            counts = await StoredCountsAsync(blob, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"{name} exists but cannot be read.", ex);
        }

        return new ShardResult(scanId, shard, counts, name);
    }

    private static async Task<ShardCounts?> StoredCountsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var head = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, ShardResultFile.HeaderLength) }, cancellationToken).ConfigureAwait(false);
            return ShardResultFile.ReadCounts(head.Value.Content.ToArray());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The scan of one shard over any segment source, without storing its result: the counts, and the result in the
    /// form <see cref="ScanFinalizer.Merge"/> reads. Used by <see cref="ScanAsync(string, ScanWindow, int, PricingPolicy, CancellationToken)"/>, tests and the benchmark.
    /// </summary>
    public static async Task<(ShardCounts Counts, byte[] Result)> ScanAsync(
        IObservationSegments observations, ScanWindow window, int shard, PricingPolicy policy, CancellationToken cancellationToken = default)
    {
        var data = new ShardDayAccumulator();
        var analyzer = new CellAnalyzer(policy);
        var tests = new ShardTests();
        var batch = new SegmentBatch();
        using var buffer = new MemoryStream();
        long observationCount = 0, cellCount = 0;
        var (from, to, bucket) = (window.From.UtcTicks, window.To.UtcTicks, policy.TimeBucket.Ticks);
        foreach (var day in window.Days())
        {
            data.Reset(day);
            await foreach (var name in observations.ListAsync(day, shard, cancellationToken).ConfigureAwait(false))
            {
                buffer.SetLength(0);
                await observations.CopyToAsync(name, buffer, cancellationToken).ConfigureAwait(false);
                buffer.Position = 0;
                await foreach (var rows in batch.ReadAsync(buffer, cancellationToken).ConfigureAwait(false))
                {
                    data.Add(rows, from, to, bucket);
                }
            }

            analyzer.AnalyzeDay(data, tests);
            observationCount += data.Observations;
            cellCount += data.Cells.Count;
        }

        var counts = new ShardCounts(observationCount, cellCount, tests.Tests.Count, tests.Candidates.Count);
        return (counts, ShardResultFile.Write(shard, counts, tests));
    }
}
