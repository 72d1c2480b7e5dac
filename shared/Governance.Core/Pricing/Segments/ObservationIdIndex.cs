using System.Buffers.Binary;
using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Governance.Core.Pricing.Segments;

/// <summary>
/// Which observation ids are stored in a (day, shard), so that a duplicate <c>observationId</c> from another request
/// is stored once. Each (day, shard) has an append blob <c>_index/date=…/shard=NNN.ids</c>: a log of claims, each one
/// append block <c>"PIX1" | segment name (16 bytes) | count (4) | count × XxHash3-64 of an id</c>. Appends are
/// conditioned on the append position, so two writers never both claim an id (the loser re-reads and re-plans).
/// An instance caches each log it has read and afterwards reads only its new tail, so a request costs one small
/// range read and one append per (day, shard) it touches, whatever the total data; a cold instance reads one
/// (day, shard) log once (8 bytes per stored observation).
/// </summary>
public sealed class ObservationIdIndex(BlobContainerClient container)
{
    private const int MaxCachedLogs = 512;
    private static readonly byte[] Magic = "PIX1"u8.ToArray();
    private readonly ConcurrentDictionary<string, IndexState> _states = new(StringComparer.Ordinal);

    /// <summary>
    /// Brings the cached log of a (day, shard) up to date with what other writers appended, and lets
    /// <paramref name="inspect"/> look at it while no other caller of this instance changes it.
    /// </summary>
    public async Task<(IndexState State, T Result)> ReadAsync<T>(DateOnly day, int shard, Func<IndexState, T> inspect, CancellationToken cancellationToken)
    {
        var name = ObservationPaths.IndexName(day, shard);
        var state = _states.GetOrAdd(name, n => new IndexState(container.GetAppendBlobClient(n)));
        state.LastUsed = Environment.TickCount64;
        Evict();
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshAsync(state, cancellationToken).ConfigureAwait(false);
            return (state, inspect(state));
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>
    /// Claims <paramref name="idHashes"/> for <paramref name="segment"/> if nobody appended since the caller's last
    /// look; false (with the state refreshed) when someone did, and the caller must plan again.
    /// </summary>
    public async Task<bool> TryClaimAsync(IndexState state, UInt128 segment, IReadOnlyCollection<ulong> idHashes, CancellationToken cancellationToken)
    {
        var record = new byte[Magic.Length + 16 + 4 + (8 * idHashes.Count)];
        Magic.CopyTo(record, 0);
        BinaryPrimitives.WriteUInt128LittleEndian(record.AsSpan(4), segment);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(20), idHashes.Count);
        var at = 24;
        foreach (var id in idHashes)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(at), id);
            at += 8;
        }

        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (state.Length == 0)
            {
                await state.Blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var content = new MemoryStream(record, writable: false);
                await state.Blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions
                {
                    Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = state.Length },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                await RefreshAsync(state, cancellationToken).ConfigureAwait(false);
                return false;
            }

            state.Apply(record);
            return true;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private static async Task RefreshAsync(IndexState state, CancellationToken cancellationToken)
    {
        try
        {
            var tail = await state.Blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(state.Length) }, cancellationToken).ConfigureAwait(false);
            state.Apply(tail.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 416)
        {
            // No log yet, or nothing appended since the last read.
        }
    }

    private void Evict()
    {
        if (_states.Count <= MaxCachedLogs)
        {
            return;
        }

        foreach (var stale in _states.OrderBy(s => s.Value.LastUsed).Take(_states.Count - (MaxCachedLogs / 2)).ToList())
        {
            _states.TryRemove(stale.Key, out _);
        }
    }

    /// <summary>One (day, shard) log as far as it was read: id hash → index of the claiming segment.</summary>
    public sealed class IndexState(AppendBlobClient blob)
    {
        public AppendBlobClient Blob { get; } = blob;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long Length { get; private set; }

        public long LastUsed { get; set; }

        public List<UInt128> Segments { get; } = [];

        public Dictionary<ulong, int> Owners { get; } = [];

        public void Apply(ReadOnlySpan<byte> records)
        {
            while (records.Length >= 24)
            {
                if (!records[..4].SequenceEqual(Magic))
                {
                    throw new InvalidDataException($"Observation id index {Blob.Name} is corrupt at byte {Length}.");
                }

                var segment = BinaryPrimitives.ReadUInt128LittleEndian(records[4..]);
                var count = BinaryPrimitives.ReadInt32LittleEndian(records[20..]);
                var size = 24 + (8 * count);
                Segments.Add(segment);
                for (var i = 0; i < count; i++)
                {
                    Owners.TryAdd(BinaryPrimitives.ReadUInt64LittleEndian(records[(24 + (8 * i))..]), Segments.Count - 1);
                }

                records = records[size..];
                Length += size;
            }
        }
    }
}
