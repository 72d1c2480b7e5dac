using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Problems;
using Governance.Core.Storage;

namespace Governance.Core.Security;

/// <summary>
/// A fixed-window limit per (scope, client) kept in the <c>RateLimits</c> table rather than in memory: a
/// serverless app runs on several instances at once, and an in-memory limit would multiply by their number.
/// Windows are aligned to the Unix epoch.
/// <para>
/// Each client has one partition of permit slots (RowKey <c>slot|0000</c> … one per permit); a request takes a
/// permit by claiming a slot for the current window: inserting an absent slot, or replacing a slot of an
/// earlier window under its ETag. Either write succeeds for exactly one request, so no more than the limit ever
/// pass; and a request that loses a slot tries the next free one, so a request under the limit always gets
/// through, however many arrive at once: it can only run out of slots when others took them all (the limit was
/// reached). A single counter row with ETag retries cannot promise that (20 simultaneous requests need up to 20
/// rounds each), and neither can a sharded counter summed on read (two requests can both read "one left" and
/// increment different shards). Cost: one partition read of at most <see cref="MaxPermitLimit"/> small rows and
/// usually one write; slots are reused from window to window, so rows never grow past the limit per client.
/// </para>
/// </summary>
public sealed class FixedWindowRateLimiter(TableServiceClient tables, TimeProvider time)
{
    /// <summary>Slots are read on every request, so a limit costs rows: keep it to per-client limits of this size.</summary>
    public const int MaxPermitLimit = 1000;

    private const string SlotPrefix = "slot|";
    private const string WindowStartProperty = "WindowStart";

    /// <summary>Reads of the slots; a third only happens when a window ends while the request runs.</summary>
    private const int MaxPasses = 3;

    private readonly TableClient _table = tables.GetTableClient(TableNames.RateLimits);

    /// <summary>
    /// Takes one permit, or throws a 429 problem with <c>Retry-After</c> until the window ends (or a short
    /// <c>Retry-After</c> in the unlikely case that windows rolled over during every pass).
    /// </summary>
    public async Task AcquireAsync(string scope, string? client, int permitLimit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitLimit, MaxPermitLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));

        using var activity = Telemetry.GovernanceTelemetry.Kernel.StartActivity("rate-limit acquire");
        activity?.SetTag("governance.rate_limit.scope", scope);
        var partitionKey = TableKey.FromInput(scope) + "|" + TableKey.FromInput(string.IsNullOrWhiteSpace(client) ? "unknown" : client.Trim());
        var windowSeconds = (long)window.TotalSeconds;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var now = time.GetUtcNow();
            var windowStart = now.ToUnixTimeSeconds() / windowSeconds * windowSeconds;
            var slots = await ReadSlotsAsync(partitionKey, permitLimit, cancellationToken);
            var free = Enumerable.Range(0, permitLimit)
                .Where(i => !slots.TryGetValue(i, out var slot) || slot.GetInt64(WindowStartProperty) != windowStart)
                .ToArray();
            if (free.Length == 0)
            {
                Telemetry.GovernanceTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("scope", scope));
                throw GovernanceProblem.TooManyRequests(DateTimeOffset.FromUnixTimeSeconds(windowStart + windowSeconds) - now);
            }

            // Spread concurrent requests over the free slots, so most take theirs on the first write.
            Random.Shared.Shuffle(free);
            foreach (var index in free)
            {
                var claim = new TableEntity(partitionKey, SlotKey(index)) { [WindowStartProperty] = windowStart };
                try
                {
                    if (slots.TryGetValue(index, out var stale))
                    {
                        await _table.UpdateEntityAsync(claim, stale.ETag, TableUpdateMode.Replace, cancellationToken);
                    }
                    else
                    {
                        await _table.AddEntityAsync(claim, cancellationToken);
                    }

                    return;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another request took this slot first: try the next free one.
                }
            }
        }

        throw GovernanceProblem.TooManyRequests(TimeSpan.FromSeconds(1));
    }

    private async Task<Dictionary<int, TableEntity>> ReadSlotsAsync(string partitionKey, int permitLimit, CancellationToken cancellationToken)
    {
        var slots = new Dictionary<int, TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPermitLimit, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(SlotPrefix, StringComparison.Ordinal)
                && int.TryParse(row.RowKey.AsSpan(SlotPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < permitLimit)
            {
                slots[index] = row;
            }
        }

        return slots;
    }

    private static string SlotKey(int index) => SlotPrefix + index.ToString("D4", CultureInfo.InvariantCulture);
}
