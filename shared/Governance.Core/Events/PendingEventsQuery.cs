using Governance.Core.Validation;

namespace Governance.Core.Events;

/// <summary>
/// The operator's view of events not yet published (<c>GET /api/events/outbox?status=pending</c>): oldest
/// first, with the attempts and last error of those that are stuck.
/// </summary>
public sealed class PendingEventsQuery(IOutboxStore store)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>At most this many pending events are read to find the oldest; past it the page says so.</summary>
    public const int ScanLimit = 10_000;

    public async Task<PendingEventsPage> ListAsync(string? status, int? limit, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (!string.Equals(status ?? OutboxRow.Pending, OutboxRow.Pending, StringComparison.Ordinal))
        {
            errors.Add("status", $"must be '{OutboxRow.Pending}' (sent events are not listed).");
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}.");
        }

        errors.ThrowIfAny();

        var found = new List<PendingEvent>();
        var scanComplete = true;
        foreach (var partition in await OutboxRelay.IndexedPartitionsAsync(store, cancellationToken))
        {
            await foreach (var row in OutboxRelay.PendingRowsAsync(store, partition.Table, partition.PartitionKey, cancellationToken))
            {
                if (found.Count == ScanLimit)
                {
                    scanComplete = false;
                    break;
                }

                if (OutboxRow.IsFollowUp(row))
                {
                    continue; // follow-ups are internal work, not events for other systems
                }

                var outboxEvent = OutboxRow.ToEvent(row);
                found.Add(new PendingEvent(
                    outboxEvent.EventId,
                    outboxEvent.Type,
                    outboxEvent.Source,
                    outboxEvent.Subject,
                    outboxEvent.AggregateId,
                    partition.Table,
                    partition.PartitionKey,
                    outboxEvent.Sequence,
                    row.GetDateTimeOffset(OutboxRow.RecordedAt) ?? row.Timestamp ?? DateTimeOffset.MinValue,
                    row.GetInt32(OutboxRow.Attempts) ?? 0,
                    row.GetString(OutboxRow.LastError),
                    row.GetDateTimeOffset(OutboxRow.NextAttemptAt)));
            }

            if (!scanComplete)
            {
                break;
            }
        }

        var take = limit ?? DefaultLimit;
        var items = found.OrderBy(e => e.RecordedAt).ThenBy(e => e.Table, StringComparer.Ordinal)
            .ThenBy(e => e.PartitionKey, StringComparer.Ordinal).ThenBy(e => e.Sequence).Take(take).ToList();
        return new PendingEventsPage(items, found.Count, Truncated: found.Count > take || !scanComplete);
    }
}

public sealed record PendingEvent(
    string EventId,
    string Type,
    string Source,
    string? Subject,
    string AggregateId,
    string Table,
    string PartitionKey,
    long Sequence,
    DateTimeOffset RecordedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt);

/// <summary><paramref name="Total"/> counts the pending events found (at most <see cref="PendingEventsQuery.ScanLimit"/>).</summary>
public sealed record PendingEventsPage(IReadOnlyList<PendingEvent> Items, int Total, bool Truncated);
