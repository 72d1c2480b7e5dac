using Azure;
using Azure.Data.Tables;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>A table client that passes every call to Azurite, after the test's hooks: code before a write, a failing status, the page sizes asked for.</summary>
public sealed class HookedTableClient(TableClient inner) : TableClient
{
    /// <summary>Runs before an <c>add</c>, <c>update</c>, <c>delete</c> or <c>transaction</c> reaches the table.</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    /// <summary>A status to fail a write of that kind with (null: let it through).</summary>
    public Func<string, int?>? FailWith { get; set; }

    public List<int?> QueryPageSizes { get; } = [];

    /// <summary>Point reads and queries made so far (what a read costs).</summary>
    public int PointReads => _pointReads;

    public int Queries => QueryPageSizes.Count;

    private int _pointReads;

    public override string Name => inner.Name;

    public override async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        await HooksAsync("add");
        return await inner.AddEntityAsync(entity, cancellationToken);
    }

    public override async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        await HooksAsync("update");
        return await inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
    }

    public override async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        await HooksAsync("delete");
        return await inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public override async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        await HooksAsync("transaction");
        return await inner.SubmitTransactionAsync(transactionActions, cancellationToken);
    }

    public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pointReads);
        return inner.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
    }

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        lock (QueryPageSizes)
        {
            QueryPageSizes.Add(maxPerPage);
        }

        return inner.QueryAsync<T>(filter, maxPerPage, select, cancellationToken);
    }

    private async Task HooksAsync(string operation)
    {
        if (BeforeWrite is { } before)
        {
            await before(operation);
        }

        if (FailWith?.Invoke(operation) is { } status)
        {
            throw new RequestFailedException(status, $"Simulated {status} on {operation}.");
        }
    }
}
