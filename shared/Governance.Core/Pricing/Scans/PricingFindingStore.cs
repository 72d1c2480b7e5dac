using System.Globalization;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Storage;

namespace Governance.Core.Pricing.Scans;

/// <summary>A stored finding and its rank in its scan (0 = the largest |relative difference|).</summary>
public sealed record RankedFinding(int Rank, PricingFinding Finding);

/// <summary>
/// The findings of scans in the <c>PricingFindings</c> table: PartitionKey = scan id, RowKey <c>f|{rank:D6}</c>,
/// so one partition query pages through a scan's findings largest first, whatever the number of scans. A row holds
/// the whole finding (distribution included) as JSON, split over columns when long, as aggregate states are.
/// Rows are derived from the scan's stored shard results, which never change: writing a page again writes the same
/// rows, so the finalize step writes them before it commits the page's events (a crash in between only repeats it).
/// </summary>
public sealed class PricingFindingStore(TableServiceClient tables)
{
    public const int MaxPageSize = 200;
    private const string RowPrefix = "f|";

    private readonly TableClient _table = tables.GetTableClient(TableNames.PricingFindings);
    private readonly FindingRowMap _rows = new();

    public async Task WriteAsync(IReadOnlyList<RankedFinding> findings, CancellationToken cancellationToken = default)
    {
        foreach (var batch in findings.GroupBy(f => f.Finding.ScanId).SelectMany(g => g.Chunk(20)))
        {
            // Rows of a scan share a partition: one transaction per 20 (within the 4 MB limit even for the largest rows).
            var actions = batch.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, _rows.ToRow(Id(f), f.Finding))).ToList();
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>A page of a scan's findings, largest first; the token comes from <see cref="PageTokens"/>.</summary>
    public Task<(IReadOnlyList<RankedFinding> Findings, string? ContinuationToken)> PageAsync(string scanId, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        return PageTokens.QueryAsync<(IReadOnlyList<RankedFinding>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in Query(scanId, size, cancellationToken).AsPages(token, size))
            {
                return (page.Values.Select(Read).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });
    }

    /// <summary>The <paramref name="count"/> largest findings of a scan.</summary>
    public async Task<IReadOnlyList<RankedFinding>> TopAsync(string scanId, int count, CancellationToken cancellationToken = default)
    {
        var top = new List<RankedFinding>(count);
        await foreach (var row in Query(scanId, Math.Min(count, 1000), cancellationToken))
        {
            top.Add(Read(row));
            if (top.Count == count)
            {
                break;
            }
        }

        return top;
    }

    private Azure.AsyncPageable<TableEntity> Query(string scanId, int pageSize, CancellationToken cancellationToken)
    {
        var low = RowPrefix;
        var high = RowPrefix + "~";
        return _table.QueryAsync<TableEntity>(e => e.PartitionKey == scanId && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) < 0, pageSize, cancellationToken: cancellationToken);
    }

    private RankedFinding Read(TableEntity row)
        => new(int.Parse(row.RowKey.AsSpan(RowPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture), _rows.FromRow(row));

    private static string Id(RankedFinding finding) => finding.Finding.ScanId + "/" + finding.Rank.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The JSON-in-a-row format of aggregate states, for findings: id <c>{scanId}/{rank:D6}</c>.</summary>
    private sealed class FindingRowMap : JsonAggregateMap<PricingFinding>
    {
        public override string Table => TableNames.PricingFindings;

        public override string Name => "Pricing finding";

        public override string PartitionKey(string id) => id[..id.LastIndexOf('/')];

        public override string RowKey(string id) => RowPrefix + id[(id.LastIndexOf('/') + 1)..];

        protected override IEnumerable<KeyValuePair<string, object?>> Columns(PricingFinding state) =>
        [
            new("FindingId", state.FindingId),
            new("ProductId", state.ProductId),
            new("Attribute", state.Attribute),
            new("RelativeDifference", state.RelativeDifference),
            new("AdjustedPValue", state.AdjustedPValue),
        ];
    }
}
