using Azure;
using Azure.Data.Tables;
using Governance.Core.Problems;
using Governance.Core.Storage;

namespace Governance.Core.Security;

/// <summary>
/// A fixed-window counter per (scope, client) kept in the <c>RateLimits</c> table rather than in memory:
/// a serverless app runs on several instances at once, and an in-memory limit would multiply by their number.
/// Windows are aligned to the Unix epoch; one row per client is reused (reset when a new window starts),
/// and every change is ETag-conditioned so concurrent requests cannot both take the last permit.
/// </summary>
public sealed class FixedWindowRateLimiter(TableServiceClient tables, TimeProvider time)
{
    private const int MaxAttempts = 10;
    private readonly TableClient _table = tables.GetTableClient(TableNames.RateLimits);

    /// <summary>
    /// Takes one permit, or throws a 429 problem with <c>Retry-After</c> until the window ends (or a short
    /// <c>Retry-After</c> when the counter stayed contended through every attempt).
    /// </summary>
    public async Task AcquireAsync(string scope, string? client, int permitLimit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));

        var partitionKey = TableKey.FromInput(scope);
        var rowKey = Key(client);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var windowSeconds = (long)window.TotalSeconds;
            var windowStart = now.ToUnixTimeSeconds() / windowSeconds * windowSeconds;
            var windowEnd = DateTimeOffset.FromUnixTimeSeconds(windowStart + windowSeconds);

            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue || existing.Value is null)
                {
                    await _table.AddEntityAsync(Row(partitionKey, rowKey, windowStart, 1), cancellationToken);
                    return;
                }

                var row = existing.Value;
                var count = row.GetInt32("Count") ?? 0;
                if (row.GetInt64("WindowStart") != windowStart)
                {
                    count = 0;
                }
                else if (count >= permitLimit)
                {
                    throw GovernanceProblem.TooManyRequests(windowEnd - now);
                }

                await _table.UpdateEntityAsync(Row(partitionKey, rowKey, windowStart, count + 1), row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another request changed the counter first: read it again.
            }
        }

        // So many requests from one client raced for the counter that none of ours got through: that client is
        // sending a burst, which is exactly what a 429 is for (never a 500).
        throw GovernanceProblem.TooManyRequests(TimeSpan.FromSeconds(1));
    }

    private static string Key(string? client)
    {
        var value = string.IsNullOrWhiteSpace(client) ? "unknown" : client.Trim();
        return TableKey.FromInput(value);
    }

    private static TableEntity Row(string partitionKey, string rowKey, long windowStart, int count)
        => new(partitionKey, rowKey) { ["WindowStart"] = windowStart, ["Count"] = count };
}
