using System.Linq.Expressions;
using Azure;
using Azure.Data.Tables;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>
/// A real table (on Azurite) behind the <see cref="TableClient"/> calls the services make, with hooks: run a competing
/// write before a write, fail a chosen operation with a status (as the service would answer), lose a write's response
/// after it committed; count writes and the page sizes queries ask for. Operations: add, update, upsert, delete,
/// transaction. The table's own answers (conflicts, ETags, batches, filters) are Azurite's.
/// </summary>
public sealed class HookedTableClient(string name, TableClient inner) : TableClient
{
    private int _writes;
    private int _pointReads;

    /// <summary>A hooked client under the table's own name.</summary>
    public HookedTableClient(TableClient inner)
        : this(inner.Name, inner)
    {
    }

    public override string Name => name;

    /// <summary>The real table (for writes a test makes behind the services' back).</summary>
    public TableClient Inner => inner;

    /// <summary>Runs before every write (the operation name is passed); may write to the table itself.</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    /// <summary>Runs after every write has committed; throwing from it loses the write's response (it still happened).</summary>
    public Func<string, Task>? AfterWrite { get; set; }

    /// <summary>When it returns a status for an operation, that operation fails with it instead of running.</summary>
    public Func<string, TableEntity?, int?>? FailWith { get; set; }

    public int WriteCount => _writes;

    /// <summary>Point reads made so far (what a read costs).</summary>
    public int PointReads => _pointReads;

    /// <summary>Queries made so far.</summary>
    public int Queries => QueryPageSizes.Count;

    /// <summary>The page size each query asked for (null: the service's default).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int?> QueryPageSizes { get; } = new();

    /// <summary>Every row of the table, in key order.</summary>
    public IReadOnlyList<TableEntity> Rows => [.. inner.Query<TableEntity>()];

    /// <summary>Changes a stored row behind the services' back (tampering).</summary>
    public void Tamper(string partitionKey, string rowKey, Action<TableEntity> change)
    {
        var row = inner.GetEntity<TableEntity>(partitionKey, rowKey).Value;
        change(row);
        inner.UpdateEntity(row, ETag.All, TableUpdateMode.Replace);
    }

    public void Remove(string partitionKey, string rowKey) => inner.DeleteEntity(partitionKey, rowKey);

    public static RequestFailedException Failure(int status, string code) => new(status, $"{code} (injected)", code, null);

    public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pointReads);
        return inner.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
    }

    public override Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pointReads);
        return inner.GetEntityAsync<T>(partitionKey, rowKey, select, cancellationToken);
    }

    public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        => WriteAsync("add", entity as TableEntity, () => inner.AddEntityAsync(entity, cancellationToken));

    public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        => WriteAsync("update", entity as TableEntity, () => inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken));

    public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        => WriteAsync("upsert", entity as TableEntity, () => inner.UpsertEntityAsync(entity, mode, cancellationToken));

    public override Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
        => WriteAsync("delete", new TableEntity(partitionKey, rowKey), () => inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken));

    public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
        => WriteAsync("transaction", null, () => inner.SubmitTransactionAsync(transactionActions, cancellationToken));

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        QueryPageSizes.Enqueue(maxPerPage);
        return inner.QueryAsync<T>(filter, maxPerPage, select, cancellationToken);
    }

    public override AsyncPageable<T> QueryAsync<T>(Expression<Func<T, bool>> filter, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        QueryPageSizes.Enqueue(maxPerPage);
        return inner.QueryAsync(filter, maxPerPage, select, cancellationToken);
    }

    private async Task<TResponse> WriteAsync<TResponse>(string operation, TableEntity? entity, Func<Task<TResponse>> write)
    {
        if (BeforeWrite is { } before)
        {
            await before(operation);
        }

        if (FailWith?.Invoke(operation, entity) is { } status)
        {
            throw Failure(status, "InjectedFailure");
        }

        Interlocked.Increment(ref _writes);
        var response = await write();
        if (AfterWrite is { } after)
        {
            await after(operation);
        }

        return response;
    }
}
