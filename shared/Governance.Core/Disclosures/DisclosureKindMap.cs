using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Storage;

namespace Governance.Core.Disclosures;

/// <summary>
/// The <c>Disclosures</c> table: one partition per kind (<see cref="PartitionKey"/>), holding the kind's state row
/// (RowKey <c>kind</c>), its drafts (<c>draft|{draftId}</c>), its versions (<c>version|{10-digit number}</c>, so a
/// range query returns them in order) and its outbox rows (<c>outbox|…</c>, the outbox's own). Drafts and versions
/// are JSON beside a few plain columns for people reading the table. A version's <c>Status</c> and <c>ActivatedAt</c>
/// columns are the one part of it written after publishing (activation merges just those two); they override
/// what its JSON says as published.
/// </summary>
public sealed class DisclosureKindMap : JsonAggregateMap<DisclosureKind>
{
    public const string StateRowKey = "kind";
    public const string DraftPrefix = "draft|";
    public const string VersionPrefix = "version|";

    public override string Table => TableNames.Disclosures;

    public override string Name => "Disclosure kind";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => StateRowKey;

    public static string DraftRowKey(string draftId) => DraftPrefix + draftId;

    public static string VersionRowKey(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>'}' sorts right after '|': [prefix, RangeEnd(prefix)) is exactly the rows with that prefix.</summary>
    public static string RangeEnd(string prefix) => prefix[..^1] + "}";

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(DisclosureKind state) => [new("LastVersion", state.LastVersion)];

    public override TableTransactionAction ChildAction(string id, object child) => child switch
    {
        DisclosureDraft draft => new(TableTransactionActionType.UpsertReplace, Row(id, DraftRowKey(draft.DraftId), draft, ("Status", draft.Status), ("UpdatedAt", draft.UpdatedAt))),
        DraftDeleted deleted => new(TableTransactionActionType.Delete, new TableEntity(PartitionKey(id), DraftRowKey(deleted.DraftId)), ETag.All),
        DisclosureVersion version => new(TableTransactionActionType.Add, Row(id, VersionRowKey(version.Version), version,
            ("Version", version.Version), ("ContentSha256", version.Sha256), ("EffectiveFrom", version.EffectiveFrom), ("Status", version.Status), ("ActivatedAt", version.ActivatedAt))),
        VersionActivated activated => new(TableTransactionActionType.UpdateMerge,
            new TableEntity(PartitionKey(id), VersionRowKey(activated.Version)) { ["Status"] = activated.Status, ["ActivatedAt"] = activated.ActivatedAt }, ETag.All),
        _ => base.ChildAction(id, child),
    };

    public DisclosureDraft DraftFromRow(TableEntity row) => JsonColumns.Read<DisclosureDraft>(row, "Disclosure draft");

    public DisclosureVersion VersionFromRow(TableEntity row)
        => JsonColumns.Read<DisclosureVersion>(row, "Disclosure version") with { Status = row.GetString("Status") ?? string.Empty, ActivatedAt = row.GetDateTimeOffset("ActivatedAt") };

    private TableEntity Row<T>(string id, string rowKey, T record, params (string Name, object? Value)[] columns)
    {
        var row = new TableEntity(PartitionKey(id), rowKey);
        foreach (var (name, value) in columns)
        {
            row[name] = value;
        }

        JsonColumns.Write(row, record, $"{Describe(id)} row '{rowKey}'");
        return row;
    }
}

/// <summary>What the kinds' services and readers look up: drafts and versions, each by key or per kind (one partition range query).</summary>
public interface IDisclosureRecords
{
    Task<DisclosureDraft?> GetDraftAsync(string kind, string draftId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DisclosureDraft>> ListDraftsAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>Every version of the kind, in version order.</summary>
    Task<IReadOnlyList<DisclosureVersion>> ListVersionsAsync(string kind, CancellationToken cancellationToken = default);

    Task<DisclosureVersion?> GetVersionAsync(string kind, int version, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IDisclosureRecords"/> read from the rows <see cref="DisclosureKindMap"/> writes.</summary>
public sealed class TableDisclosureRecords(TableServiceClient tables, DisclosureKindMap map) : IDisclosureRecords
{
    private readonly TableClient _table = tables.GetTableClient(map.Table);

    public async Task<DisclosureDraft?> GetDraftAsync(string kind, string draftId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(map.PartitionKey(kind), DisclosureKindMap.DraftRowKey(draftId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? map.DraftFromRow(row.Value) : null;
    }

    public async Task<IReadOnlyList<DisclosureDraft>> ListDraftsAsync(string kind, CancellationToken cancellationToken = default)
        => (await RangeAsync(kind, DisclosureKindMap.DraftPrefix, cancellationToken)).Select(map.DraftFromRow).ToList();

    public async Task<IReadOnlyList<DisclosureVersion>> ListVersionsAsync(string kind, CancellationToken cancellationToken = default)
        => (await RangeAsync(kind, DisclosureKindMap.VersionPrefix, cancellationToken)).Select(map.VersionFromRow).ToList();

    public async Task<DisclosureVersion?> GetVersionAsync(string kind, int version, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(map.PartitionKey(kind), DisclosureKindMap.VersionRowKey(version), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? map.VersionFromRow(row.Value) : null;
    }

    private async Task<List<TableEntity>> RangeAsync(string kind, string prefix, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {map.PartitionKey(kind)} and RowKey ge {prefix} and RowKey lt {DisclosureKindMap.RangeEnd(prefix)}");
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
