using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Storage;

namespace Governance.Core.Timeline;

/// <summary>
/// What happened when, across duties, for reports over a period (the regulator's compliance bundle): one row per
/// recorded fact in the <c>Timeline</c> table, PartitionKey = its UTC day (<c>yyyy-MM-dd</c>), RowKey =
/// <c>{kind}|{ticks}|{id}</c>, with a small JSON summary. A duty records a fact as a follow-up of the change that
/// causes it (<see cref="TimelineFollowUp"/>), so it exists once the change does; reading a period costs one
/// partition range query per day and kind, never a table scan.
/// </summary>
public sealed record TimelineEntry(string Kind, string Id, DateTimeOffset At, JsonElement Summary);

/// <summary>Kinds of fact the duties record (one per line of the compliance bundle).</summary>
public static class TimelineKinds
{
    public const string DisclosurePublished = "disclosure.published";
    public const string AppOnboarded = "app.onboarded";
    public const string AppSuspended = "app.suspended";
    public const string ClaimFiled = "claim.filed";
    public const string ClaimPrepaid = "claim.prepaid";
    public const string RecoverySettled = "recovery.settled";
    public const string PricingFinding = "pricing.finding";
    public const string ExportRecorded = "export.recorded";
    public const string IncidentRecorded = "incident.recorded";
    public const string FilingRecorded = "filing.recorded";
}

public static class TimelineFollowUp
{
    public static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    public static string RowKey(string kind, DateTimeOffset at, string id)
        => $"{kind}|{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{TableKey.FromInput(id)}";

    /// <summary>
    /// The follow-up recording <paramref name="kind"/> for <paramref name="id"/> at <paramref name="at"/> with
    /// <paramref name="summary"/> (keep it small: counts, amounts, ids, statuses). Recording the same fact again
    /// writes the same row.
    /// </summary>
    public static FollowUp Of<TSummary>(string kind, string id, DateTimeOffset at, TSummary summary)
        => IndexFollowUp.Put(new IndexRow(TableNames.Timeline, Partition(at), RowKey(kind, at, id), 0,
            Strings: new Dictionary<string, string>
            {
                ["Kind"] = kind,
                ["Id"] = id,
                ["Summary"] = JsonSerializer.Serialize(summary, GovernanceJson.Options),
            },
            Times: new Dictionary<string, DateTimeOffset> { ["At"] = at.ToUniversalTime() }));
}

/// <summary>Reads the timeline of one kind over a period, oldest first, day by day.</summary>
public sealed class TimelineReader(TableServiceClient tables)
{
    /// <summary>The longest period one read may cover (days): a bound on the partitions a request touches.</summary>
    public const int MaxDays = 3700;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Timeline);

    /// <summary>
    /// Every fact of <paramref name="kinds"/> from <paramref name="from"/> to <paramref name="to"/> (both inclusive),
    /// oldest first: one query per UTC day that reads the day's partition whole (every kind at once), so a period
    /// costs one query per day plus its facts, however many kinds a report shows.
    /// </summary>
    public async IAsyncEnumerable<TimelineEntry> ReadPeriodAsync(IReadOnlyCollection<string> kinds, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to < from || (to - from).TotalDays > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A timeline read covers 0 to {MaxDays} days.");
        }

        var wanted = kinds.ToHashSet(StringComparer.Ordinal);
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime.Date; day = day.AddDays(1))
        {
            var partition = day.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            var facts = new List<TimelineEntry>();
            await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                var kind = row.GetString("Kind") ?? string.Empty;
                var at = row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue;
                if (wanted.Contains(kind) && at >= from && at <= to)
                {
                    using var summary = JsonDocument.Parse(row.GetString("Summary") ?? "{}");
                    facts.Add(new TimelineEntry(kind, row.GetString("Id") ?? string.Empty, at, summary.RootElement.Clone()));
                }
            }

            foreach (var fact in facts.OrderBy(f => f.At).ThenBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal))
            {
                yield return fact;
            }
        }
    }

    public async IAsyncEnumerable<TimelineEntry> ReadAsync(string kind, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to < from || (to - from).TotalDays > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A timeline read covers 0 to {MaxDays} days.");
        }

        var low = TimelineFollowUp.RowKey(kind, from, string.Empty);
        var high = $"{kind}|{to.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|~";
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime.Date; day = day.AddDays(1))
        {
            var partition = day.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            await foreach (var row in _table.QueryAsync<TableEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) <= 0, cancellationToken: cancellationToken))
            {
                using var summary = JsonDocument.Parse(row.GetString("Summary") ?? "{}");
                yield return new TimelineEntry(row.GetString("Kind") ?? kind, row.GetString("Id") ?? string.Empty,
                    row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, summary.RootElement.Clone());
            }
        }
    }
}
