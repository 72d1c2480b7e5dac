using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Events;

/// <summary><see cref="IOutboxStore"/> on Azure Tables (or Azurite).</summary>
public sealed class TableOutboxStore(TableServiceClient tables) : IOutboxStore
{
    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var response = await tables.GetTableClient(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string table,
        string partitionKey,
        string fromRowKey,
        string toRowKey,
        (string Name, string Value)? whereEquals = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {fromRowKey} and RowKey lt {toRowKey}");
        if (whereEquals is { } where)
        {
            // Property names are ours (constants), never user input; the value is escaped by CreateQueryFilter.
            filter += $" and {where.Name} eq " + TableClient.CreateQueryFilter($"{where.Value}");
        }

        await foreach (var entity in tables.GetTableClient(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    public async Task<ETag?> TryAddAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await tables.GetTableClient(table).AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<ETag?> TryMergeAsync(string table, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await tables.GetTableClient(table).UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<bool> TryDeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.GetTableClient(table).DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Response>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var response = await tables.GetTableClient(table).SubmitTransactionAsync(actions, cancellationToken);
        return response.Value;
    }
}
