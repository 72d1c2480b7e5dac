using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Events;

/// <summary>
/// Writes events into the aggregate's own partition inside the caller's batch. The order of writes is
/// what makes a crash at any point safe:
/// <list type="number">
/// <item>the index note in the Outbox table (before the batch: if the events ever commit, the note exists);</item>
/// <item>the caller's batch: state, event rows and the partition's head counter, atomically;</item>
/// <item>the nudge (best effort: the relay's timer sweep reads the index and catches a missed nudge).</item>
/// </list>
/// The head counter is replaced with its ETag, so two batches that record events in the same partition
/// cannot both commit: sequences, and so the publishing order, follow the commit order.
/// </summary>
public sealed class EventOutbox(IOutboxStore store, IRelayTrigger relayTrigger, TimeProvider time, ILogger<EventOutbox> logger) : IEventOutbox
{
    /// <summary>Azure Tables' limit on actions in one batch.</summary>
    public const int MaxBatchActions = 100;

    public Task<OutboxEnlistment> EnlistAsync(
        string table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        IReadOnlyList<DomainEvent> events,
        CancellationToken cancellationToken = default)
        => EnlistAsync(table, partitionKey, batch, events, [], cancellationToken);

    public async Task<OutboxEnlistment> EnlistAsync(
        string table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        IReadOnlyList<DomainEvent> events,
        IReadOnlyList<FollowUp> followUps,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(followUps);
        OutboxTarget.Validate(table, partitionKey);
        ValidateBatch(partitionKey, batch, events, followUps);
        var count = events.Count + followUps.Count;
        if (count == 0)
        {
            return new OutboxEnlistment(table, partitionKey, string.Empty, 1, 0);
        }

        var now = time.GetUtcNow();
        var head = await store.GetAsync(table, partitionKey, OutboxKeys.HeadRowKey, cancellationToken);
        var first = head?.GetInt64(OutboxRow.NextSequence) ?? 1;
        var enlistment = new OutboxEnlistment(table, partitionKey, Guid.NewGuid().ToString("N"), first, first + count - 1);
        var rows = events.Select((e, i) => OutboxRow.Create(partitionKey, e, first + i, now))
            .Concat(followUps.Select((f, i) => OutboxRow.Create(partitionKey, f, first + events.Count + i, now)))
            .ToList();

        if (await store.TryAddAsync(TableNames.Outbox, OutboxIndexEntry.CreateRow(enlistment, now), cancellationToken) is null)
        {
            throw new InvalidOperationException($"Outbox enlistment {enlistment.EnlistmentId} already exists.");
        }

        foreach (var row in rows)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        var newHead = new TableEntity(partitionKey, OutboxKeys.HeadRowKey)
        {
            [OutboxRow.NextSequence] = enlistment.LastSequence + 1,
            ["UpdatedAt"] = now,
        };
        batch.Add(head is null
            ? new TableTransactionAction(TableTransactionActionType.Add, newHead)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.ETag));
        return enlistment;
    }

    public async Task NudgeAsync(OutboxEnlistment enlistment, CancellationToken cancellationToken = default)
    {
        if (enlistment.IsEmpty)
        {
            return;
        }

        try
        {
            await relayTrigger.RequestAsync(new RelayRequest(enlistment.Table, enlistment.PartitionKey), cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not nudge the outbox relay for {Table}/{PartitionKey}; the sweep will publish events {First}..{Last}.",
                enlistment.Table, enlistment.PartitionKey, enlistment.FirstSequence, enlistment.LastSequence);
        }
    }

    public async Task<IReadOnlyList<Response>> CommitAsync(
        string table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        IReadOnlyList<DomainEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var callerActions = batch.Count;
        var enlistment = await EnlistAsync(table, partitionKey, batch, events, cancellationToken);

        // On failure the index note stays: a batch the SDK retried may have committed on an earlier try, and
        // only the relay can tell (from the head counter) whether the events exist.
        var responses = await store.SubmitTransactionAsync(table, batch.ToList(), cancellationToken);
        await NudgeAsync(enlistment, CancellationToken.None);
        return responses.Take(callerActions).ToList();
    }

    private static void ValidateBatch(string partitionKey, IList<TableTransactionAction> batch, IReadOnlyList<DomainEvent> events, IReadOnlyList<FollowUp> followUps)
    {
        foreach (var action in batch)
        {
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A table transaction is single-partition: action on '{action.Entity.PartitionKey}' cannot join a batch for '{partitionKey}'.", nameof(batch));
            }

            if (OutboxKeys.IsOutboxRow(action.Entity.RowKey))
            {
                throw new ArgumentException($"Row keys starting with '{OutboxKeys.Prefix}' belong to the outbox.", nameof(batch));
            }
        }

        var needed = batch.Count + events.Count + followUps.Count + 1;
        if (needed > MaxBatchActions)
        {
            throw new ArgumentException(
                $"{batch.Count} actions, {events.Count} events and {followUps.Count} follow-ups need {needed} batch actions; a table batch allows {MaxBatchActions}.", nameof(events));
        }

        var followUpIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var followUp in followUps)
        {
            ArgumentNullException.ThrowIfNull(followUp, nameof(followUps));
            followUp.Validate();
            if (!followUpIds.Add(followUp.Type + "|" + followUp.Id))
            {
                throw new ArgumentException($"Follow-up {followUp.Type} '{followUp.Id}' appears twice in one batch.", nameof(followUps));
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domainEvent in events)
        {
            ArgumentNullException.ThrowIfNull(domainEvent, nameof(events));
            domainEvent.Validate();
            if (!ids.Add(domainEvent.Id))
            {
                throw new ArgumentException($"Event id '{domainEvent.Id}' appears twice in one batch.", nameof(events));
            }
        }
    }
}
