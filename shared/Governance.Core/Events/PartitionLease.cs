using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Events;

/// <summary>
/// Lets one relay at a time publish from an aggregate partition (the timer sweep and queue nudges may run
/// at once on several instances). A lease row in the Outbox table, taken and renewed with its ETag; a crashed
/// holder's lease simply expires. Correctness does not rest on it (mark-sent is ETag-checked); it keeps
/// two relays from interleaving the same partition's events.
/// </summary>
internal sealed class PartitionLease
{
    private const string LeasedUntil = "LeasedUntil";

    private readonly IOutboxStore _store;
    private readonly TimeProvider _time;
    private readonly string _rowKey;
    private readonly TimeSpan _duration;
    private ETag _etag;
    private DateTimeOffset _until;

    private PartitionLease(IOutboxStore store, TimeProvider time, string rowKey, TimeSpan duration, ETag etag, DateTimeOffset until)
    {
        _store = store;
        _time = time;
        _rowKey = rowKey;
        _duration = duration;
        _etag = etag;
        _until = until;
    }

    public static async Task<PartitionLease?> TryAcquireAsync(
        IOutboxStore store, TimeProvider time, string table, string partitionKey, TimeSpan duration, CancellationToken cancellationToken)
    {
        var rowKey = OutboxKeys.LeaseRowKey(table, partitionKey);
        var now = time.GetUtcNow();
        var row = Row(rowKey, now + duration);

        // Released leases are deleted, so the row is usually absent: try the insert first (one request), and only
        // when a row is there read it to see whether its holder's time ran out.
        var etag = await store.TryAddAsync(TableNames.Outbox, row, cancellationToken);
        if (etag is null)
        {
            var existing = await store.GetAsync(TableNames.Outbox, OutboxKeys.LeasePartition, rowKey, cancellationToken);
            etag = existing is null
                ? await store.TryAddAsync(TableNames.Outbox, row, cancellationToken)
                : existing.GetDateTimeOffset(LeasedUntil) > now ? null : await store.TryMergeAsync(TableNames.Outbox, row, existing.ETag, cancellationToken);
        }

        return etag is { } taken ? new PartitionLease(store, time, rowKey, duration, taken, now + duration) : null;
    }

    /// <summary>
    /// True while this relay still holds the partition; renews when half the lease is gone. An expired lease
    /// whose ETag is unchanged was not taken by anyone, so it can still be renewed.
    /// </summary>
    public async Task<bool> KeepAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_until - now > _duration / 2)
        {
            return true;
        }

        var etag = await _store.TryMergeAsync(TableNames.Outbox, Row(_rowKey, now + _duration), _etag, cancellationToken);
        if (etag is not { } renewed)
        {
            return false;
        }

        _etag = renewed;
        _until = now + _duration;
        return true;
    }

    /// <summary>Best effort: a lease that cannot be deleted expires by itself.</summary>
    public async Task ReleaseAsync()
    {
        try
        {
            await _store.TryDeleteAsync(TableNames.Outbox, OutboxKeys.LeasePartition, _rowKey, _etag, CancellationToken.None);
        }
        catch (Exception)
        {
            // Leaving the lease to expire is always safe.
        }
    }

    private static TableEntity Row(string rowKey, DateTimeOffset until)
        => new(OutboxKeys.LeasePartition, rowKey) { [LeasedUntil] = until };
}
