using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Events;

/// <summary>
/// The table operations the outbox and its relay need, across the aggregate tables and the Outbox table.
/// Conditional writes report a lost race as a result instead of an exception, because for the relay a
/// lost race is an ordinary outcome (another writer or relay got there first).
/// </summary>
public interface IOutboxStore
{
    Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows of one partition with <paramref name="fromRowKey"/> ≤ RowKey &lt; <paramref name="toRowKey"/>, in row-key
    /// order, optionally only those whose string property <c>whereEquals.Name</c> equals <c>whereEquals.Value</c>.
    /// </summary>
    IAsyncEnumerable<TableEntity> QueryAsync(
        string table,
        string partitionKey,
        string fromRowKey,
        string toRowKey,
        (string Name, string Value)? whereEquals = null,
        CancellationToken cancellationToken = default);

    /// <summary>Inserts the row if absent: its new ETag, or null when the row exists.</summary>
    Task<ETag?> TryAddAsync(string table, TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Merges the row if its ETag still matches: the new ETag, or null when it changed or is gone.</summary>
    Task<ETag?> TryMergeAsync(string table, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deletes the row if its ETag still matches: false when it changed; true when deleted or already gone.</summary>
    Task<bool> TryDeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits the actions atomically (one table, one partition), or throws
    /// <see cref="TableTransactionFailedException"/> and changes nothing.
    /// </summary>
    Task<IReadOnlyList<Response>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}
