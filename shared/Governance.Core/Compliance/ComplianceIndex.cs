using System.Globalization;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;

namespace Governance.Core.Compliance;

/// <summary>
/// Index rows of the compliance records, in their own table beside the records (partitions starting with
/// <c>index|</c>, which no record id does): one partition per list a request serves, RowKey
/// <c>{ticks of the record's time}|{id}</c> so a list is oldest first, and a column <c>Id</c>. Written and removed
/// by the records' follow-ups; a list reads one page of one partition and then the records it names, so its cost
/// is the page, whatever the size of the table.
/// </summary>
public static class ComplianceIndex
{
    public const string Prefix = "index|";
    public const string IdColumn = "Id";

    public static string Partition(string name, string? value = null)
        => value is null ? Prefix + name : Prefix + name + "|" + TableKey.FromInput(value);

    public static string RowKey(DateTimeOffset at, string id) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    public static FollowUp Put(string table, string partition, DateTimeOffset at, string id, long version)
        => IndexFollowUp.Put(new IndexRow(table, partition, RowKey(at, id), version, Strings: new Dictionary<string, string> { [IdColumn] = id }));

    public static FollowUp Delete(string table, string partition, DateTimeOffset at, string id, long version)
        => IndexFollowUp.Delete(table, partition, RowKey(at, id), version);

    /// <summary>One page of ids from <paramref name="partition"/>, oldest first, with the client's next token.</summary>
    public static Task<(IReadOnlyList<string> Ids, string? ContinuationToken)> PageAsync(
        TableClient table, string partition, string? continuationToken, int pageSize, CancellationToken cancellationToken)
        => PageTokens.QueryAsync<(IReadOnlyList<string>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, pageSize, [IdColumn], cancellationToken).AsPages(token, pageSize))
            {
                return (page.Values.Select(r => r.GetString(IdColumn)).OfType<string>().ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });

    /// <summary>Every id in <paramref name="partition"/> (a list bounded by what the partition indexes, e.g. the exports of one asset).</summary>
    public static async Task<IReadOnlyList<string>> AllAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: [IdColumn], cancellationToken: cancellationToken))
        {
            if (row.GetString(IdColumn) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}

/// <summary>
/// The due rows the compliance timers work from (partition <c>due</c> of a record table): RowKey
/// <c>{ticks of when something falls due}|{record id}|{item}</c>, so "everything due by now" is one range query
/// of the partition, proportional to what is due. A record re-keys its row when it moves to its next stage
/// (warned → expires, approaching → missed) and removes it when nothing more can fall due, in the same commit
/// as the change (as follow-ups).
/// </summary>
public static class DueIndex
{
    public const string Partition = "due";
    public const int MaxPerRun = 1000;

    public static string RowKey(DateTimeOffset at, string id, string item)
        => $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{id}|{item}";

    public static FollowUp Put(string table, DateTimeOffset at, string id, string item, long version)
        => IndexFollowUp.Put(new IndexRow(table, Partition, RowKey(at, id, item), version,
            Strings: new Dictionary<string, string> { [ComplianceIndex.IdColumn] = id, ["Item"] = item },
            Times: new Dictionary<string, DateTimeOffset> { ["DueAt"] = at.ToUniversalTime() }));

    public static FollowUp Delete(string table, DateTimeOffset at, string id, string item, long version)
        => IndexFollowUp.Delete(table, Partition, RowKey(at, id, item), version);

    /// <summary>The distinct record ids with something due at or before <paramref name="now"/>, earliest first (at most <see cref="MaxPerRun"/> rows read).</summary>
    public static async Task<IReadOnlyList<string>> DueIdsAsync(TableClient table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var high = (now.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var ids = new List<string>();
        var read = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition && e.RowKey.CompareTo(high) < 0, select: [ComplianceIndex.IdColumn], cancellationToken: cancellationToken))
        {
            if (row.GetString(ComplianceIndex.IdColumn) is { } id && !ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }

            if (++read >= MaxPerRun)
            {
                break;
            }
        }

        return ids;
    }
}
