using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Json;

namespace Governance.Core.Aggregates;

/// <summary>
/// Where and how one kind of aggregate is stored: its table, the keys of an aggregate's state row, the row's
/// properties, and the rows of its child records. The one place that knows storage for the aggregate; its
/// methods and its services do not.
/// </summary>
public abstract class AggregateMap<TState>
    where TState : class
{
    /// <summary>The table (one of <see cref="Storage.TableNames"/>).</summary>
    public abstract string Table { get; }

    /// <summary>A name for messages, e.g. <c>Claim</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The partition holding the aggregate's state, its children and its outbox rows.</summary>
    public abstract string PartitionKey(string id);

    public abstract string RowKey(string id);

    /// <summary>The state row (without ETag).</summary>
    public abstract TableEntity ToRow(string id, TState state);

    public abstract TState FromRow(TableEntity row);

    /// <summary>The row a child record of the change is written as (added, or upserted when it may be written again).</summary>
    public virtual TableTransactionAction ChildAction(string id, object child)
        => throw new InvalidOperationException($"{Name} has no child records of type {child.GetType().Name}.");

    public string Describe(string id) => $"{Name} '{id}'";
}

/// <summary>
/// A map that keeps the state as JSON (the app's conventions) in the state row, split over several string
/// properties when long (<see cref="JsonColumns"/>), next to plain columns that queries filter on.
/// </summary>
public abstract class JsonAggregateMap<TState> : AggregateMap<TState>
    where TState : class
{
    public const string StateProperty = JsonColumns.DefaultProperty;

    /// <summary>Plain columns written beside the JSON (e.g. <c>Status</c>) for filters and for people reading the table.</summary>
    protected virtual IEnumerable<KeyValuePair<string, object?>> Columns(TState state) => [];

    public override TableEntity ToRow(string id, TState state)
    {
        var row = new TableEntity(PartitionKey(id), RowKey(id));
        foreach (var (name, value) in Columns(state))
        {
            row[name] = value;
        }

        JsonColumns.Write(row, state, Describe(id));
        return row;
    }

    public override TState FromRow(TableEntity row) => JsonColumns.Read<TState>(row, Name);
}

/// <summary>
/// A record as JSON (the app's conventions, non-ASCII text unescaped so a CJK character stays one character)
/// in a table row, split over several string properties when long: a property holds 32K characters. For state
/// rows (<see cref="JsonAggregateMap{TState}"/>) and for the child rows an aggregate keeps beside them.
/// </summary>
public static class JsonColumns
{
    public const string DefaultProperty = "State";
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 25;

    private static readonly JsonSerializerOptions Options = new(GovernanceJson.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON <see cref="Write"/> stores.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes <paramref name="value"/> into <paramref name="row"/>; <paramref name="describe"/> names it in the error when it is too long.</summary>
    public static void Write<T>(TableEntity row, T value, string describe, string property = DefaultProperty)
    {
        var json = Serialize(value);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"{describe} is {json.Length} characters as JSON; a row holds at most {MaxChunks * ChunkLength}. Keep growing parts as child records.");
        }

        row[property + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            row[property + i] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }
    }

    public static T Read<T>(TableEntity row, string name, string property = DefaultProperty)
    {
        var chunks = row.GetInt32(property + "Chunks") ?? throw new InvalidOperationException($"{name} row '{row.PartitionKey}'/'{row.RowKey}' has no state.");
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(row.GetString(property + i));
        }

        return JsonSerializer.Deserialize<T>(json.ToString(), Options)
            ?? throw new InvalidOperationException($"{name} row '{row.PartitionKey}'/'{row.RowKey}' holds JSON null.");
    }
}
