using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Tests.Fakes;

/// <summary>
/// A table in memory with the service's concurrency semantics: insert conflicts (409), ETag preconditions
/// (412), missing entities (404) and all-or-nothing single-partition transactions. Hooks let a test run a
/// competing write at a chosen moment or fail a chosen operation. Supports <see cref="TableEntity"/> only.
/// It proves the services' logic; the same scenarios still need a run against a real table (Azurite).
/// </summary>
internal sealed class InMemoryTableClient : TableClient
{
    private readonly object _gate = new();
    private readonly SortedDictionary<(string Pk, string Rk), TableEntity> _rows = new(new KeyComparer());
    private long _version;

    private readonly string _name;

    public InMemoryTableClient(string name) => _name = name;

    public override string Name => _name;

    /// <summary>Runs before every write (the operation name is passed); may write to the table itself.</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    /// <summary>Runs after every write has committed; throwing from it loses the write's response (it still happened).</summary>
    public Func<string, Task>? AfterWrite { get; set; }

    /// <summary>When it returns a status for an operation, that operation fails with it instead of running.</summary>
    public Func<string, TableEntity?, int?>? FailWith { get; set; }

    public int WriteCount { get; private set; }

    /// <summary>The page size each query asked for (null: the service's default).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int?> QueryPageSizes { get; } = new();

    public IReadOnlyList<TableEntity> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.Select(Clone).ToList();
            }
        }
    }

    /// <summary>Changes a stored row behind the services' back (tampering).</summary>
    public void Tamper(string partitionKey, string rowKey, Action<TableEntity> change)
    {
        lock (_gate)
        {
            change(_rows[(partitionKey, rowKey)]);
        }
    }

    public void Remove(string partitionKey, string rowKey)
    {
        lock (_gate)
        {
            _rows.Remove((partitionKey, rowKey));
        }
    }

    public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            NullableResponse<T> response = _rows.TryGetValue((partitionKey, rowKey), out var row)
                ? Response.FromValue((T)(ITableEntity)Clone(row), new FakeResponse(200, row.ETag))
                : new NoValueResponse<T>(new FakeResponse(404));
            return Task.FromResult(response);
        }
    }

    public override async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var found = await GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        return found.HasValue ? Response.FromValue(found.Value!, found.GetRawResponse()) : throw Failure(404, "ResourceNotFound");
    }

    public override async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        var etag = await WriteAsync("add", Entity(entity), rows => Apply(rows, TableTransactionActionType.Add, Entity(entity), default));
        return new FakeResponse(204, etag);
    }

    public override async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        var type = mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace;
        var etag = await WriteAsync("update", Entity(entity), rows => Apply(rows, type, Entity(entity), ifMatch));
        return new FakeResponse(204, etag);
    }

    public override async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        var type = mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace;
        var etag = await WriteAsync("upsert", Entity(entity), rows => Apply(rows, type, Entity(entity), default));
        return new FakeResponse(204, etag);
    }

    public override async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        var key = new TableEntity(partitionKey, rowKey);
        try
        {
            await WriteAsync("delete", key, rows => Apply(rows, TableTransactionActionType.Delete, key, ifMatch));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new FakeResponse(404); // the SDK does not throw for a missing entity on delete
        }

        return new FakeResponse(204);
    }

    public override async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        var actions = transactionActions.ToList();
        if (actions.Select(a => a.Entity.PartitionKey).Distinct().Count() != 1)
        {
            throw Failure(400, "CommandsInBatchActOnDifferentPartitions");
        }

        await WriteAsync("transaction", null, rows =>
        {
            // Validate every action on a copy first: all or nothing.
            var copy = new SortedDictionary<(string Pk, string Rk), TableEntity>(rows.ToDictionary(r => r.Key, r => Clone(r.Value)), new KeyComparer());
            foreach (var action in actions)
            {
                Apply(copy, action.ActionType, Entity(action.Entity), action.ETag);
            }

            rows.Clear();
            foreach (var row in copy)
            {
                rows[row.Key] = row.Value;
            }

            return default;
        });
        IReadOnlyList<Response> responses = actions.Select(_ => (Response)new FakeResponse(204)).ToList();
        return Response.FromValue(responses, new FakeResponse(202));
    }

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        QueryPageSizes.Enqueue(maxPerPage);
        var predicate = ODataFilter.Compile(filter);
        List<T> matches;
        lock (_gate)
        {
            matches = _rows.Values.Where(predicate).Select(r => (T)(ITableEntity)Clone(r)).ToList();
        }

        var size = maxPerPage ?? 1000;
        var pages = matches.Chunk(size).Select((chunk, i) => Page<T>.FromValues(chunk, (i + 1) * size < matches.Count ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, new FakeResponse(200))).ToList();
        if (pages.Count == 0)
        {
            pages.Add(Page<T>.FromValues([], null, new FakeResponse(200)));
        }

        return AsyncPageable<T>.FromPages(pages);
    }

    private async Task<ETag> WriteAsync(string operation, TableEntity? entity, Func<SortedDictionary<(string Pk, string Rk), TableEntity>, ETag> write)
    {
        if (BeforeWrite is { } hook)
        {
            await hook(operation);
        }

        if (FailWith?.Invoke(operation, entity) is { } status)
        {
            throw Failure(status, "InjectedFailure");
        }

        ETag etag;
        lock (_gate)
        {
            WriteCount++;
            etag = write(_rows);
        }

        if (AfterWrite is { } after)
        {
            await after(operation);
        }

        return etag;
    }

    private ETag Apply(SortedDictionary<(string Pk, string Rk), TableEntity> rows, TableTransactionActionType type, TableEntity entity, ETag ifMatch)
    {
        if (!Governance.Core.Storage.TableKey.IsValid(entity.PartitionKey) || !Governance.Core.Storage.TableKey.IsValid(entity.RowKey))
        {
            // As the service (and Azurite: at most 512 characters) answers a key it refuses.
            throw Failure(400, "OutOfRangeInput");
        }

        var key = (entity.PartitionKey, entity.RowKey);
        var exists = rows.TryGetValue(key, out var current);
        var requiresMatch = ifMatch != default && ifMatch != ETag.All;
        switch (type)
        {
            case TableTransactionActionType.Add when exists:
                throw Failure(409, "EntityAlreadyExists");
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete when !exists:
                throw Failure(404, "ResourceNotFound");
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete when requiresMatch && current!.ETag != ifMatch:
                throw Failure(412, "UpdateConditionNotSatisfied");
            case TableTransactionActionType.Delete:
                rows.Remove(key);
                return default;
        }

        var stored = type is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge && exists ? Clone(current!) : new TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var property in entity.Where(p => p.Key is not "PartitionKey" and not "RowKey" and not "Timestamp" and not "odata.etag"))
        {
            if (property.Value is null)
            {
                stored.Remove(property.Key);
            }
            else
            {
                stored[property.Key] = property.Value;
            }
        }

        var etag = new ETag($"W/\"datetime'{Interlocked.Increment(ref _version)}'\"");
        stored.ETag = etag;
        stored.Timestamp = DateTimeOffset.UtcNow;
        rows[key] = stored;
        return etag;
    }

    private static TableEntity Entity(ITableEntity entity)
        => entity as TableEntity ?? throw new NotSupportedException("The fake table stores TableEntity only.");

    private static TableEntity Clone(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey) { ETag = row.ETag, Timestamp = row.Timestamp };
        foreach (var property in row.Where(p => p.Key is not "PartitionKey" and not "RowKey" and not "Timestamp" and not "odata.etag"))
        {
            copy[property.Key] = property.Value is byte[] bytes ? bytes.ToArray() : property.Value;
        }

        return copy;
    }

    internal static RequestFailedException Failure(int status, string code) => new(status, $"{code} (fake table)", code, null);

    private sealed class KeyComparer : IComparer<(string Pk, string Rk)>
    {
        public int Compare((string Pk, string Rk) x, (string Pk, string Rk) y)
        {
            var pk = string.CompareOrdinal(x.Pk, y.Pk);
            return pk != 0 ? pk : string.CompareOrdinal(x.Rk, y.Rk);
        }
    }
}
