using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Governance.Core.Events;

/// <summary>
/// The sent watermark of an aggregate partition: row <see cref="OutboxKeys.SentRowKey"/> holding the sequence through
/// which every outbox row is sent. The relay moves it in the same transaction as it marks rows sent (rows run strictly
/// in order, so the sent rows are always a prefix), so the rows still owed are the sequences between it and the head's:
/// read by key when they are few (no query), by one range query of the pending rows when many (or in a partition
/// written before the watermark existed, where it reads as 0).
/// </summary>
internal static class OutboxWatermark
{
    /// <summary>Up to this many rows are read by key; a longer stretch is one query.</summary>
    public const int PointReadLimit = 32;

    public const string SentThrough = "SentThrough";

    public static async Task<long> ReadAsync(IOutboxStore store, string table, string partitionKey, CancellationToken cancellationToken)
        => (await store.GetAsync(table, partitionKey, OutboxKeys.SentRowKey, cancellationToken))?.GetInt64(SentThrough) ?? 0;

    /// <summary>Sets the watermark (never needed conditionally: it only ever claims rows this run saw sent or marks now).</summary>
    public static TableTransactionAction Move(string partitionKey, long sentThrough)
        => new(TableTransactionActionType.UpsertMerge, new TableEntity(partitionKey, OutboxKeys.SentRowKey) { [SentThrough] = sentThrough });

    /// <summary>The rows after the watermark up to <paramref name="last"/> (more when queried), in sequence order; sent ones included when read by key.</summary>
    public static async IAsyncEnumerable<TableEntity> OwedRowsAsync(
        IOutboxStore store, string table, string partitionKey, long sentThrough, long last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (last - sentThrough <= PointReadLimit)
        {
            var rows = await Task.WhenAll(Enumerable.Range(0, (int)(last - sentThrough))
                .Select(i => store.GetAsync(table, partitionKey, OutboxKeys.EventRowKey(sentThrough + 1 + i), cancellationToken)));
            foreach (var row in rows.OfType<TableEntity>())
            {
                yield return row;
            }

            yield break;
        }

        await foreach (var row in store.QueryAsync(table, partitionKey, OutboxKeys.EventRowKey(sentThrough + 1), OutboxKeys.EventRangeEnd, (OutboxRow.Status, OutboxRow.Pending), cancellationToken))
        {
            yield return row;
        }
    }
}
