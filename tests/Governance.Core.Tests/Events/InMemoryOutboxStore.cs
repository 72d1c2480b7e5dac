using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Governance.Core.Events;

namespace Governance.Core.Tests.Events;

/// <summary>
/// Azure Tables semantics the outbox relies on, in memory: ETags that change on every write, conditional
/// writes, ordinal key order, and all-or-nothing single-partition batches. <see cref="BeforeWrite"/> lets a
/// test fail (or "crash") any write.
/// </summary>
internal sealed class InMemoryOutboxStore : IOutboxStore
{
    private static readonly HashSet<string> SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    private readonly object _gate = new();
    private readonly Dictionary<(string Table, string PartitionKey, string RowKey), Stored> _rows = [];
    private long _version;

    /// <summary>Called before every write with the operation ("add", "merge", "delete", "batch"), the table and the entity.</summary>
    public Action<string, string, TableEntity?>? BeforeWrite { get; set; }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue((table, partitionKey, rowKey), out var stored) ? stored.ToEntity(partitionKey, rowKey) : null);
        }
    }

    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string table,
        string partitionKey,
        string fromRowKey,
        string toRowKey,
        (string Name, string Value)? whereEquals = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var row in Rows(table, partitionKey))
        {
            if (string.CompareOrdinal(row.RowKey, fromRowKey) < 0 || string.CompareOrdinal(row.RowKey, toRowKey) >= 0)
            {
                continue;
            }

            if (whereEquals is { } where && row.GetString(where.Name) != where.Value)
            {
                continue;
            }

            yield return row;
        }
    }

    public Task<ETag?> TryAddAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("add", table, entity);
        lock (_gate)
        {
            var key = (table, entity.PartitionKey, entity.RowKey);
            if (_rows.ContainsKey(key))
            {
                return Task.FromResult<ETag?>(null);
            }

            var stored = New(Properties(entity));
            _rows[key] = stored;
            return Task.FromResult<ETag?>(stored.ETag);
        }
    }

    public Task<ETag?> TryMergeAsync(string table, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("merge", table, entity);
        lock (_gate)
        {
            var key = (table, entity.PartitionKey, entity.RowKey);
            if (!_rows.TryGetValue(key, out var existing) || !Matches(existing, ifMatch))
            {
                return Task.FromResult<ETag?>(null);
            }

            var stored = New(Merge(existing.Properties, entity));
            _rows[key] = stored;
            return Task.FromResult<ETag?>(stored.ETag);
        }
    }

    public Task<bool> TryDeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("delete", table, new TableEntity(partitionKey, rowKey));
        lock (_gate)
        {
            var key = (table, partitionKey, rowKey);
            if (!_rows.TryGetValue(key, out var existing))
            {
                return Task.FromResult(true);
            }

            if (!Matches(existing, ifMatch))
            {
                return Task.FromResult(false);
            }

            _rows.Remove(key);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Response>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke("batch", table, null);
        lock (_gate)
        {
            if (actions.Count is 0 or > 100 || actions.Select(a => a.Entity.PartitionKey).Distinct().Count() != 1)
            {
                throw Failed(400, "A batch needs 1 to 100 actions on one partition.");
            }

            if (actions.Select(a => a.Entity.RowKey).Distinct().Count() != actions.Count)
            {
                throw Failed(400, "A batch may touch a row only once.");
            }

            foreach (var action in actions)
            {
                _rows.TryGetValue((table, action.Entity.PartitionKey, action.Entity.RowKey), out var existing);
                var status = action.ActionType switch
                {
                    TableTransactionActionType.Add when existing is not null => 409,
                    TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete
                        when existing is null => 404,
                    TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete
                        when !Matches(existing!, action.ETag) => 412,
                    _ => 0,
                };
                if (status != 0)
                {
                    throw Failed(status, $"Action on {action.Entity.RowKey} failed with {status}; nothing was committed.");
                }
            }

            var responses = new List<Response>();
            foreach (var action in actions)
            {
                var key = (table, action.Entity.PartitionKey, action.Entity.RowKey);
                _rows.TryGetValue(key, out var existing);
                switch (action.ActionType)
                {
                    case TableTransactionActionType.Delete:
                        _rows.Remove(key);
                        responses.Add(new FakeResponse(204, null));
                        continue;
                    case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge when existing is not null:
                        _rows[key] = New(Merge(existing.Properties, action.Entity));
                        break;
                    default:
                        _rows[key] = New(Properties(action.Entity));
                        break;
                }

                responses.Add(new FakeResponse(204, _rows[key].ETag));
            }

            return Task.FromResult<IReadOnlyList<Response>>(responses);
        }
    }

    /// <summary>The rows of a partition in key order (all outbox and state rows), as the service would return them.</summary>
    public IReadOnlyList<TableEntity> Rows(string table, string partitionKey)
    {
        lock (_gate)
        {
            return _rows.Where(r => r.Key.Table == table && r.Key.PartitionKey == partitionKey)
                .OrderBy(r => r.Key.RowKey, StringComparer.Ordinal)
                .Select(r => r.Value.ToEntity(partitionKey, r.Key.RowKey))
                .ToList();
        }
    }

    private static TableTransactionFailedException Failed(int status, string message)
        => new(new RequestFailedException(status, message));

    private static bool Matches(Stored existing, ETag ifMatch)
        => ifMatch == default || ifMatch == ETag.All || ifMatch == existing.ETag;

    private Stored New(Dictionary<string, object> properties)
        => new(properties, new ETag($"W/\"{Interlocked.Increment(ref _version)}\""));

    /// <summary>A <see cref="TableEntity"/>'s properties, or a POCO entity's public properties, as the SDK would store them.</summary>
    private static Dictionary<string, object> Properties(ITableEntity entity)
    {
        var pairs = entity is TableEntity dynamic
            ? dynamic.Select(p => (p.Key, (object?)p.Value))
            : entity.GetType().GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0).Select(p => (p.Name, p.GetValue(entity)));
        return pairs.Where(p => !SystemProperties.Contains(p.Item1) && p.Item1 != nameof(ITableEntity.ETag) && p.Item2 is not null)
            .ToDictionary(p => p.Item1, p => p.Item2!);
    }

    private static Dictionary<string, object> Merge(Dictionary<string, object> existing, ITableEntity entity)
    {
        var merged = new Dictionary<string, object>(existing);
        foreach (var property in Properties(entity))
        {
            merged[property.Key] = property.Value;
        }

        return merged;
    }

    private sealed record Stored(Dictionary<string, object> Properties, ETag ETag)
    {
        public TableEntity ToEntity(string partitionKey, string rowKey)
        {
            var entity = new TableEntity(partitionKey, rowKey) { ETag = ETag };
            foreach (var property in Properties)
            {
                entity[property.Key] = property.Value;
            }

            return entity;
        }
    }
}

internal sealed class FakeResponse(int status, ETag? etag) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => string.Empty;

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders()
        => etag is { } e ? [new HttpHeader("ETag", e.ToString())] : [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = etag is { } e && string.Equals(name, "ETag", StringComparison.OrdinalIgnoreCase) ? e.ToString() : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = TryGetHeader(name, out var value);
        values = found ? [value!] : null;
        return found;
    }
}
