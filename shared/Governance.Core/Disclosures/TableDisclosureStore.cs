using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Disclosures;

/// <summary><see cref="IDisclosureStore"/> on Azure Tables; see <see cref="DisclosureRows"/> for the keys.</summary>
public sealed class TableDisclosureStore(TableServiceClient tables, IDisclosureEvents events) : IDisclosureStore
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Disclosures);

    public async Task<DisclosureDraft?> GetDraftAsync(string kind, string draftId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(kind, DisclosureRows.DraftRowKey(draftId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? DisclosureRows.ToDraft(row.Value) : null;
    }

    public async Task<IReadOnlyList<DisclosureDraft>> ListDraftsAsync(string kind, CancellationToken cancellationToken = default)
        => (await QueryPrefixAsync(kind, DisclosureRows.DraftPrefix, cancellationToken)).Select(DisclosureRows.ToDraft).ToList();

    public async Task<DisclosureDraft?> TryAddDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _table.AddEntityAsync(DisclosureRows.ToEntity(draft with { ETag = null }), cancellationToken);
            return draft with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<DisclosureDraft?> TryReplaceDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(DisclosureRows.ToEntity(draft with { ETag = null }), new ETag(RequireETag(draft.ETag)), TableUpdateMode.Replace, cancellationToken);
            return draft with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task<bool> TryDeleteDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(draft.Kind, DisclosureRows.DraftRowKey(draft.DraftId), new ETag(RequireETag(draft.ETag)), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task<VersionCounter> GetCounterAsync(string kind, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(kind, DisclosureRows.CounterRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null
            ? new VersionCounter(kind, row.Value.GetInt32("LastVersion") ?? 0, row.Value.ETag.ToString())
            : new VersionCounter(kind, 0, null);
    }

    public async Task<bool> TryPublishAsync(DisclosureDraft publishedDraft, VersionCounter counter, DisclosureVersion version, DisclosurePublished published, CancellationToken cancellationToken = default)
    {
        var counterRow = DisclosureRows.Counter(version.Kind, version.Version);
        var batch = new List<TableTransactionAction>
        {
            counter.ETag is null
                ? new(TableTransactionActionType.Add, counterRow)
                : new(TableTransactionActionType.UpdateReplace, counterRow, new ETag(counter.ETag)),
            new(TableTransactionActionType.Add, DisclosureRows.ToEntity(version with { ETag = null })),
            new(TableTransactionActionType.UpdateReplace, DisclosureRows.ToEntity(publishedDraft with { ETag = null }), new ETag(RequireETag(publishedDraft.ETag))),
        };

        try
        {
            await events.CommitWithPublishedEventAsync(_table, version.Kind, batch, published, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<DisclosureVersion>> ListVersionsAsync(string kind, CancellationToken cancellationToken = default)
        => (await QueryPrefixAsync(kind, DisclosureRows.VersionPrefix, cancellationToken)).Select(DisclosureRows.ToVersion).OrderBy(v => v.Version).ToList();

    public async Task<DisclosureVersion?> GetVersionAsync(string kind, int version, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(kind, DisclosureRows.VersionRowKey(version), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? DisclosureRows.ToVersion(row.Value) : null;
    }

    public async Task<DisclosureVersion?> TryUpdateVersionStateAsync(DisclosureVersion version, CancellationToken cancellationToken = default)
    {
        try
        {
            // Merge with only the state columns: the published text and hashes are never part of the write.
            var response = await _table.UpdateEntityAsync(DisclosureRows.ToStateEntity(version), new ETag(RequireETag(version.ETag)), TableUpdateMode.Merge, cancellationToken);
            return version with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    private async Task<List<TableEntity>> QueryPrefixAsync(string kind, string prefix, CancellationToken cancellationToken)
    {
        var end = DisclosureRows.RangeEnd(prefix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string RequireETag(string? etag)
        => string.IsNullOrEmpty(etag) ? throw new InvalidOperationException("A conditional write needs the ETag of the row that was read.") : etag;
}
