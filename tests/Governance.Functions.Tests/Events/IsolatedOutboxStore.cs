using Azure;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;

namespace Governance.Functions.Tests.Events;

/// <summary>
/// The real table store, with the Outbox table's index and lease partitions renamed for one test, so the
/// local host's own relay never sees (or competes for) that test's partitions; and a hook that fails
/// ("crashes") any write.
/// </summary>
internal sealed class IsolatedOutboxStore(IOutboxStore inner) : IOutboxStore
{
    private readonly string _suffix = "-it-" + Guid.NewGuid().ToString("N")[..8];

    public Action<string, string, TableEntity?>? BeforeWrite { get; set; }

    public string IndexPartition => Map(TableNames.Outbox, OutboxKeys.IndexPartition);

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        => inner.GetAsync(table, Map(table, partitionKey), rowKey, cancellationToken);

    public IAsyncEnumerable<TableEntity> QueryAsync(string table, string partitionKey, string fromRowKey, string toRowKey, (string Name, string Value)? whereEquals = null, CancellationToken cancellationToken = default)
        => inner.QueryAsync(table, Map(table, partitionKey), fromRowKey, toRowKey, whereEquals, cancellationToken);

    public Task<ETag?> TryAddAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("add", table, entity);
        return inner.TryAddAsync(table, Remap(table, entity), cancellationToken);
    }

    public Task<ETag?> TryMergeAsync(string table, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("merge", table, entity);
        return inner.TryMergeAsync(table, Remap(table, entity), ifMatch, cancellationToken);
    }

    public Task<bool> TryDeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("delete", table, null);
        return inner.TryDeleteAsync(table, Map(table, partitionKey), rowKey, ifMatch, cancellationToken);
    }

    public Task<IReadOnlyList<Response>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("batch", table, null);
        return inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    private string Map(string table, string partitionKey) => table == TableNames.Outbox ? partitionKey + _suffix : partitionKey;

    private TableEntity Remap(string table, TableEntity entity)
    {
        if (table != TableNames.Outbox)
        {
            return entity;
        }

        var copy = new TableEntity(entity.Where(p => p.Key is not ("odata.etag" or "Timestamp")).ToDictionary(p => p.Key, p => p.Value));
        copy.PartitionKey = Map(table, entity.PartitionKey);
        return copy;
    }
}
