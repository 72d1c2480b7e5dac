using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Claims;

/// <summary>An open claim as its app's index row lists it (<see cref="ClaimIndex"/>): what the recourse view shows and settlements plan with.</summary>
public sealed record OpenClaim(
    string ClaimId,
    string Status,
    string Currency,
    long Approved,
    long Outstanding,
    DateTimeOffset? PrepaidAt,
    DateTimeOffset? RecourseOpenedAt,
    DateTimeOffset? RecourseDueAt,
    bool Overdue);

/// <summary>Reads the <see cref="ClaimIndex"/>: every read is one partition, in row key order, and never a table scan.</summary>
public sealed class ClaimIndexReader(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(ClaimIndex.Table);

    /// <summary>
    /// How many claims the user filed since <paramref name="since"/> other than <paramref name="exceptClaimId"/>, counted
    /// up to <paramref name="limit"/> (the rules only ask whether the limit is reached), so the read is bounded by it.
    /// </summary>
    public async Task<int> CountForUserSinceAsync(string userId, DateTimeOffset since, string exceptClaimId, int limit, CancellationToken cancellationToken = default)
    {
        var partition = ClaimIndex.UserPartition(userId);
        var low = ClaimIndex.Ticks(since);
        var count = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(Filter($"PartitionKey eq {partition} and RowKey ge {low}"), Math.Max(1, limit + 1), ["RowKey"], cancellationToken))
        {
            if (count >= limit)
            {
                break;
            }

            if (ClaimIndex.ClaimIdOf(row.RowKey) != exceptClaimId)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>One page of the claims in <paramref name="status"/>, oldest first.</summary>
    public Task<(IReadOnlyList<string> ClaimIds, string? ContinuationToken)> InStatusPageAsync(ClaimStatus status, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
        => PageAsync(ClaimIndex.StatusPartition(status), continuationToken, pageSize, row => ClaimIndex.ClaimIdOf(row.RowKey), cancellationToken);

    /// <summary>Every claim in <paramref name="status"/> (for timers: the claims with work to do in that status).</summary>
    public IAsyncEnumerable<string> InStatusAsync(ClaimStatus status, CancellationToken cancellationToken = default)
        => IdsAsync(ClaimIndex.StatusPartition(status), null, cancellationToken);

    /// <summary>Claims whose open recourse is due at <paramref name="now"/> and not yet marked overdue, earliest first.</summary>
    public IAsyncEnumerable<string> DueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        => IdsAsync(ClaimIndex.DuePartition, ClaimIndex.Ticks(now) + "|~", cancellationToken);

    /// <summary>One page of the app's open claims, the oldest payout first (claims approved but not paid last).</summary>
    public Task<(IReadOnlyList<OpenClaim> Claims, string? ContinuationToken)> OpenPageAsync(string appId, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
        => PageAsync(ClaimIndex.OpenPartition(appId), continuationToken, pageSize, ToOpenClaim, cancellationToken);

    /// <summary>The app's paid open claims in <paramref name="currency"/>, oldest payout first: what a settlement is allocated to.</summary>
    public async IAsyncEnumerable<OpenClaim> PaidOpenAsync(string appId, string currency, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var partition = ClaimIndex.OpenPartition(appId);
        await foreach (var row in _table.QueryAsync<TableEntity>(Filter($"PartitionKey eq {partition} and RowKey lt {ClaimIndex.Unpaid} and Currency eq {currency}"), cancellationToken: cancellationToken))
        {
            yield return ToOpenClaim(row);
        }
    }

    private async IAsyncEnumerable<string> IdsAsync(string partition, string? below, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = below is null ? Filter($"PartitionKey eq {partition}") : Filter($"PartitionKey eq {partition} and RowKey lt {below}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            yield return ClaimIndex.ClaimIdOf(row.RowKey);
        }
    }

    private Task<(IReadOnlyList<T>, string?)> PageAsync<T>(string partition, string? continuationToken, int pageSize, Func<TableEntity, T> map, CancellationToken cancellationToken)
        => PageTokens.QueryAsync<(IReadOnlyList<T>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(Filter($"PartitionKey eq {partition}"), pageSize, cancellationToken: cancellationToken).AsPages(token, pageSize))
            {
                return (page.Values.Select(map).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });

    private static string Filter(FormattableString filter) => TableClient.CreateQueryFilter(filter);

    private static OpenClaim ToOpenClaim(TableEntity row)
        => new(row.GetString("ClaimId") ?? ClaimIndex.ClaimIdOf(row.RowKey), row.GetString("Status") ?? string.Empty, row.GetString("Currency") ?? string.Empty,
            row.GetInt64("Approved") ?? 0, row.GetInt64("Outstanding") ?? 0, row.GetDateTimeOffset("PrepaidAt"), row.GetDateTimeOffset("RecourseOpenedAt"),
            row.GetDateTimeOffset("RecourseDueAt"), row.GetInt64("Overdue") == 1);
}
