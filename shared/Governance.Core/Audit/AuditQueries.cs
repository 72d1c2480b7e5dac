using System.Collections.Concurrent;
using System.Text;
using Azure.Data.Tables;
using Governance.Core.Problems;

namespace Governance.Core.Audit;

/// <summary>
/// <c>GET /api/audit</c>: entries oldest first, merged over the chains by (time, chain, sequence). Every chain is
/// ordered by time (appends never go back in time within a chain), so a page reads at most page size + 1 entries
/// from each chain it covers, starting after the position the continuation token holds for that chain, and takes
/// the first page-size entries of their merge: a page costs (chains × page size) rows, never the log's size. With
/// <c>resource</c> it reads that resource's index rows in the resource's own chain (one per shard count the duty
/// was written with, normally one) and then just the entries of the page. Positions are per chain, so an entry
/// committed after a page was read (with a time before that page's last) still comes on a later page.
/// </summary>
public sealed class AuditQueries(AuditStore store)
{
    public const int MaxPageSize = 1000;

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"must be between 1 and {MaxPageSize}."] });
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { ["from"] = ["must not be after 'to'."] });
        }

        var positions = AuditPageToken.Parse(query.ContinuationToken);
        var resource = string.IsNullOrEmpty(query.Resource) ? null : query.Resource;
        IReadOnlyList<string> chains = resource is null
            ? await store.ReadChainsAsync(cancellationToken)
            : [.. (await store.ShardCountsAsync(AuditChains.Duty(resource), fresh: true, cancellationToken)).Select(n => AuditChains.Assign(resource, n).Id).Distinct()];

        var candidates = new ConcurrentBag<Candidate>();
        await Parallel.ForEachAsync(
            chains,
            new ParallelOptions { MaxDegreeOfParallelism = AuditStore.ReadConcurrency, CancellationToken = cancellationToken },
            async (chain, ct) =>
            {
                var after = positions.GetValueOrDefault(chain);
                var filter = resource is null
                    ? TableClient.CreateQueryFilter($"PartitionKey eq {AuditKeys.ChainPartition(chain)} and RowKey gt {AuditKeys.EntryRowKey(after)} and RowKey lt {AuditKeys.AfterEntries}")
                    : TableClient.CreateQueryFilter($"PartitionKey eq {AuditKeys.ChainPartition(chain)} and RowKey gt {AuditKeys.IndexRowKey(resource, after)} and RowKey le {AuditKeys.IndexRowKey(resource, long.MaxValue)}");
                var taken = 0;
                await foreach (var row in store.Table.QueryAsync<TableEntity>(TimeFilter(filter, query), maxPerPage: query.PageSize + 1, cancellationToken: ct))
                {
                    if (row.GetInt64("Sequence") is not { } sequence || row.GetDateTimeOffset("Time") is not { } time)
                    {
                        continue;
                    }

                    candidates.Add(new Candidate(chain, sequence, time, resource is null ? AuditRows.TryFromRow(row) : null));
                    if (++taken > query.PageSize)
                    {
                        break;
                    }
                }
            });

        var merged = candidates.OrderBy(c => c.Time).ThenBy(c => c.Chain, StringComparer.Ordinal).ThenBy(c => c.Sequence).ToList();
        var page = merged.Take(query.PageSize).ToList();
        var next = new Dictionary<string, long>(positions, StringComparer.Ordinal);
        foreach (var taken in page)
        {
            next[taken.Chain] = Math.Max(next.GetValueOrDefault(taken.Chain), taken.Sequence);
        }

        var entries = resource is null ? page.Select(c => c.Entry) : await ReadEntriesAsync(page, cancellationToken);
        return new AuditPage(
            [.. entries.OfType<AuditEntry>().Where(e => resource is null || string.Equals(e.Resource, resource, StringComparison.Ordinal))],
            merged.Count > page.Count ? AuditPageToken.Format(next) : null);
    }

    private async Task<IEnumerable<AuditEntry?>> ReadEntriesAsync(List<Candidate> page, CancellationToken cancellationToken)
    {
        var entries = new AuditEntry?[page.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, page.Count),
            new ParallelOptions { MaxDegreeOfParallelism = AuditStore.ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => entries[i] = await store.ReadRowAsync(page[i].Chain, AuditKeys.EntryRowKey(page[i].Sequence), ct) is { } row ? AuditRows.TryFromRow(row) : null);
        return entries;
    }

    private static string TimeFilter(string filter, AuditQuery query)
    {
        var text = new StringBuilder(filter);
        if (query.From is { } from)
        {
            text.Append(" and ").Append(TableClient.CreateQueryFilter($"Time ge {from.ToUniversalTime()}"));
        }

        if (query.To is { } to)
        {
            text.Append(" and ").Append(TableClient.CreateQueryFilter($"Time lt {to.ToUniversalTime()}"));
        }

        return text.ToString();
    }

    /// <summary>A row the merge considers: an entry (query over all chains) or a resource-index row (its entry is read if it makes the page).</summary>
    private sealed record Candidate(string Chain, long Sequence, DateTimeOffset Time, AuditEntry? Entry);
}
