using Azure.Data.Tables;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Events;

/// <summary>
/// Publishes recorded events and runs recorded follow-ups (<see cref="FollowUp"/>), then marks them sent: at
/// least once, in sequence order per aggregate partition. It is the one runner of work owed by committed
/// changes: called inline right after a commit (the fast path), by the nudge queue, and by the timer sweep.
/// <para>Publish comes before mark-sent, so a crash between them republishes the same event (same id, same
/// bytes) on the next run; consumers and Service Bus duplicate detection drop the copy. A failed event
/// stops its partition (later events must not overtake it) and waits with exponential backoff.</para>
/// </summary>
public sealed class OutboxRelay(
    IOutboxStore store,
    IEventPublisher publisher,
    FollowUpDispatcher followUps,
    TimeProvider time,
    IOptions<EventsOptions> options,
    ILogger<OutboxRelay> logger)
{
    private readonly OutboxRelayOptions _options = options.Value.Relay;

    /// <summary>Relays every partition the Outbox index lists (the timer's job: catches missed nudges and retries).</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var partitions = await IndexedPartitionsAsync(store, cancellationToken);
        var published = 0;
        var stalled = 0;
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.SweepParallelism), CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                try
                {
                    var result = await RelayPartitionAsync(partition.Table, partition.PartitionKey, ct);
                    Interlocked.Add(ref published, result.Published);
                    if (result.Outcome is RelayOutcome.Failed or RelayOutcome.BackingOff)
                    {
                        Interlocked.Increment(ref stalled);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref stalled);
                    logger.LogError(ex, "Outbox relay failed on {Table}/{PartitionKey}; the next sweep retries.", partition.Table, partition.PartitionKey);
                }
            });
        return new SweepResult(partitions.Count, published, stalled);
    }

    /// <summary>Relays one aggregate partition (the nudge's and the sweep's job).</summary>
    public Task<RelayResult> RelayPartitionAsync(string table, string partitionKey, CancellationToken cancellationToken = default)
        => RelayAsync(table, partitionKey, committed: null, cancellationToken);

    /// <summary>
    /// The fast path right after a commit: runs what the partition owes up to the sequence the commit took (its own
    /// work and any still owed before it), then forgets the commit's own index note. No query: the rows owed are read
    /// by key between the partition's sent watermark and that sequence.
    /// </summary>
    public Task<RelayResult> RelayCommittedAsync(OutboxEnlistment committed, CancellationToken cancellationToken = default)
        => RelayAsync(committed.Table, committed.PartitionKey, committed, cancellationToken);

    private async Task<RelayResult> RelayAsync(string table, string partitionKey, OutboxEnlistment? committed, CancellationToken cancellationToken)
    {
        OutboxTarget.Validate(table, partitionKey);

        // The head is read before the rows: every enlistment below its NextSequence has committed (or never will),
        // so its rows are already visible to the reads that follow. After a commit, its own last sequence serves.
        var head = committed is null ? await store.GetAsync(table, partitionKey, OutboxKeys.HeadRowKey, cancellationToken) : null;
        var last = committed?.LastSequence ?? ((head?.GetInt64(OutboxRow.NextSequence) ?? 1) - 1);
        var sentThrough = await OutboxWatermark.ReadAsync(store, table, partitionKey, cancellationToken);
        var result = new RelayResult(0, RelayOutcome.Done, null);
        if (last > sentThrough)
        {
            var lease = await PartitionLease.TryAcquireAsync(store, time, table, partitionKey, _options.LeaseDuration, cancellationToken);
            if (lease is null)
            {
                result = new RelayResult(0, RelayOutcome.Busy, sentThrough + 1);
            }
            else
            {
                try
                {
                    result = await PublishPendingAsync(lease, table, partitionKey, sentThrough, last, cancellationToken);
                }
                finally
                {
                    await lease.ReleaseAsync();
                }
            }
        }

        if (committed is null)
        {
            await ForgetSettledEnlistmentsAsync(table, partitionKey, head, result.FirstUnsent, cancellationToken);
        }
        else if (result.FirstUnsent is null || result.FirstUnsent > committed.LastSequence)
        {
            await store.TryDeleteAsync(TableNames.Outbox, OutboxKeys.IndexPartition, OutboxIndexEntry.RowKeyOf(committed), Azure.ETag.All, cancellationToken);
        }

        // One line per run that did not finish (a busy partition, a failure, a backoff); a run that finished is routine.
        logger.Log(result.Outcome == RelayOutcome.Done ? LogLevel.Debug : LogLevel.Information,
            "Outbox relay {Table}/{PartitionKey}: {Published} published, {Outcome}.", table, partitionKey, result.Published, result.Outcome);

        return result;
    }

    internal static async Task<List<RelayRequest>> IndexedPartitionsAsync(IOutboxStore store, CancellationToken cancellationToken)
    {
        var partitions = new List<RelayRequest>();
        var seen = new HashSet<RelayRequest>();

        // Index row keys start with a table name (letters and digits), all of which sort before '~'.
        await foreach (var row in store.QueryAsync(TableNames.Outbox, OutboxKeys.IndexPartition, string.Empty, "~", cancellationToken: cancellationToken))
        {
            var entry = OutboxIndexEntry.FromRow(row);
            var partition = new RelayRequest(entry.Table, entry.PartitionKey);
            if (seen.Add(partition))
            {
                partitions.Add(partition);
            }
        }

        return partitions;
    }

    internal static IAsyncEnumerable<TableEntity> PendingRowsAsync(IOutboxStore store, string table, string partitionKey, CancellationToken cancellationToken)
        => store.QueryAsync(table, partitionKey, OutboxKeys.EventPrefix, OutboxKeys.EventRangeEnd, (OutboxRow.Status, OutboxRow.Pending), cancellationToken);

    private async Task<RelayResult> PublishPendingAsync(PartitionLease lease, string table, string partitionKey, long sentThrough, long last, CancellationToken cancellationToken)
    {
        // Rows done in this run are marked sent together, in one transaction per 98 rows that also moves the sent
        // watermark: the lease keeps other relays out meanwhile, and a crash before the mark only means they run
        // again (same event id, same follow-up id: at least once, never a second effect). Rows run strictly in
        // order, so every row up to the watermark is sent.
        // When marking fails (another relay changed a row after this lease lapsed), nothing after the stored watermark is
        // known to be marked: the result's first unsent row is then stored + 1, so the partition's index notes stay and
        // the sweep comes back to whatever the other relay leaves owed.
        var done = new List<(TableEntity Row, int Attempts)>();
        var stored = sentThrough;
        var watermark = sentThrough;
        async Task<bool> FlushAsync()
        {
            if (done.Count == 0 && watermark == stored)
            {
                return true;
            }

            var marked = await MarkSentAsync(table, partitionKey, done, watermark, cancellationToken);
            done.Clear();
            stored = marked ? watermark : stored;
            return marked;
        }

        var published = 0;
        await foreach (var row in OutboxWatermark.OwedRowsAsync(store, table, partitionKey, sentThrough, last, cancellationToken))
        {
            var sequence = row.GetInt64(OutboxRow.Sequence) ?? throw new InvalidOperationException($"Outbox row '{partitionKey}'/'{row.RowKey}' has no sequence.");
            if (row.GetString(OutboxRow.Status) != OutboxRow.Pending)
            {
                watermark = sequence;
                continue;
            }

            if (published >= _options.MaxEventsPerRun)
            {
                return await FlushAsync() ? new RelayResult(published, RelayOutcome.RunLimit, sequence) : new RelayResult(published, RelayOutcome.Busy, stored + 1);
            }

            if (row.GetDateTimeOffset(OutboxRow.NextAttemptAt) > time.GetUtcNow())
            {
                return await FlushAsync() ? new RelayResult(published, RelayOutcome.BackingOff, sequence) : new RelayResult(published, RelayOutcome.Busy, stored + 1);
            }

            if (!await lease.KeepAsync(cancellationToken))
            {
                return new RelayResult(published, RelayOutcome.Busy, sequence);
            }

            var attempts = (row.GetInt32(OutboxRow.Attempts) ?? 0) + 1;
            var error = await TryRunAsync(row, cancellationToken);
            if (error is not null)
            {
                if (!await FlushAsync())
                {
                    return new RelayResult(published, RelayOutcome.Busy, stored + 1);
                }

                var retryAt = time.GetUtcNow() + Backoff(attempts);
                await store.TryMergeAsync(table, new TableEntity(partitionKey, row.RowKey)
                {
                    [OutboxRow.Attempts] = attempts,
                    [OutboxRow.LastError] = error,
                    [OutboxRow.NextAttemptAt] = retryAt,
                }, row.ETag, cancellationToken);
                logger.LogWarning("Outbox row {Sequence} ({What}) in {Table}/{PartitionKey} failed (attempt {Attempts}): {Error}. Retry after {RetryAt:O}.",
                    sequence, Describe(row), table, partitionKey, attempts, error, retryAt);
                return new RelayResult(published, RelayOutcome.Failed, sequence);
            }

            done.Add((row, attempts));
            watermark = sequence;
            published++;
            if (done.Count == EventOutbox.MaxBatchActions - 2 && !await FlushAsync())
            {
                return new RelayResult(published, RelayOutcome.Busy, stored + 1);
            }
        }

        return await FlushAsync() ? new RelayResult(published, RelayOutcome.Done, null) : new RelayResult(published, RelayOutcome.Busy, stored + 1);
    }

    /// <summary>
    /// Marks the rows sent, each conditioned on the ETag it was read with, and moves the sent watermark to
    /// <paramref name="sentThrough"/> in the same transaction; false when another relay changed a row meanwhile.
    /// </summary>
    private async Task<bool> MarkSentAsync(string table, string partitionKey, List<(TableEntity Row, int Attempts)> rows, long sentThrough, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, r.Row.RowKey)
        {
            [OutboxRow.Status] = OutboxRow.Sent,
            [OutboxRow.SentAt] = now,
            [OutboxRow.Attempts] = r.Attempts,
        }, r.Row.ETag)).Append(OutboxWatermark.Move(partitionKey, sentThrough)).ToList();
        try
        {
            await store.SubmitTransactionAsync(table, actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
        {
            // Another relay changed a row after our lease lapsed: leave the partition to it; what ran here runs again there.
            logger.LogInformation("Outbox rows in {Table}/{PartitionKey} changed under this relay; leaving the partition to the other.", table, partitionKey);
            return false;
        }
    }

    private static string Describe(TableEntity row)
        => OutboxRow.IsFollowUp(row) ? $"follow-up {row.GetString(OutboxRow.FollowUpType)} {row.GetString(OutboxRow.FollowUpId)}" : $"event {row.GetString(OutboxRow.EventId)} {row.GetString(OutboxRow.EventType)}";

    /// <summary>Null when the row's event was published or its follow-up ran; otherwise what went wrong.</summary>
    private async Task<string?> TryRunAsync(TableEntity row, CancellationToken cancellationToken)
    {
        if (!OutboxRow.IsFollowUp(row))
        {
            return await TryPublishAsync(OutboxRow.ToEvent(row), cancellationToken);
        }

        var followUp = OutboxRow.ToFollowUp(row);
        try
        {
            await followUps.RunAsync(followUp, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Follow-up {Type} {Id} failed.", followUp.Type, followUp.Id);
            var message = $"{ex.GetType().Name}: {ex.Message}";
            return message.Length <= 1000 ? message : message[..1000];
        }
    }

    /// <summary>Null when published; otherwise what went wrong, after the immediate retries of a transient failure.</summary>
    private async Task<string?> TryPublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await publisher.PublishAsync(outboxEvent, cancellationToken);
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var transient = ex is EventPublishException { IsTransient: true };
                if (transient && retry < _options.ImmediateRetries)
                {
                    logger.LogDebug(ex, "Transient failure publishing {EventId}; retry {Retry}.", outboxEvent.EventId, retry + 1);
                    await Task.Delay(_options.ImmediateRetryDelay * Math.Pow(2, retry), time, cancellationToken);
                    continue;
                }

                var message = $"{(transient ? "transient" : "permanent")}: {ex.Message}";
                return message.Length <= 1000 ? message : message[..1000];
            }
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = _options.BackoffBase * factor;
        return delay < _options.BackoffMax ? delay : _options.BackoffMax;
    }

    /// <summary>
    /// Deletes the index notes that no longer point at unsent events. A note at or above the head's
    /// NextSequence belongs to a batch that has not committed: kept during the grace period, then the
    /// partition is fenced (the head's ETag changes, so that batch can never commit) and the note deleted.
    /// </summary>
    private async Task ForgetSettledEnlistmentsAsync(string table, string partitionKey, TableEntity? head, long? firstUnsent, CancellationToken cancellationToken)
    {
        var nextSequence = head?.GetInt64(OutboxRow.NextSequence) ?? 1;
        var prefix = OutboxKeys.IndexRowPrefix(table, partitionKey);
        bool? fenced = null;
        await foreach (var row in store.QueryAsync(TableNames.Outbox, OutboxKeys.IndexPartition, prefix, OutboxKeys.PrefixEnd(prefix), cancellationToken: cancellationToken))
        {
            var entry = OutboxIndexEntry.FromRow(row);
            if (entry.Table != table || entry.PartitionKey != partitionKey)
            {
                continue; // a partition whose key extends this one's with '|…'
            }

            if (entry.LastSequence < nextSequence)
            {
                if (firstUnsent is null || entry.LastSequence < firstUnsent)
                {
                    await store.TryDeleteAsync(TableNames.Outbox, OutboxKeys.IndexPartition, entry.RowKey, entry.ETag, cancellationToken);
                }
            }
            else if (time.GetUtcNow() - entry.EnlistedAt >= _options.EnlistmentGracePeriod)
            {
                fenced ??= await FenceAsync(table, partitionKey, head, cancellationToken);
                if (fenced == true)
                {
                    logger.LogWarning("Outbox enlistment {RowKey} never committed; partition fenced and enlistment forgotten.", entry.RowKey);
                    await store.TryDeleteAsync(TableNames.Outbox, OutboxKeys.IndexPartition, entry.RowKey, entry.ETag, cancellationToken);
                }
            }
        }
    }

    /// <summary>Changes the head's ETag (or creates the head) so that a batch enlisted against the old head fails.</summary>
    private async Task<bool> FenceAsync(string table, string partitionKey, TableEntity? head, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (head is null)
        {
            var created = new TableEntity(partitionKey, OutboxKeys.HeadRowKey) { [OutboxRow.NextSequence] = 1L, [OutboxRow.FencedAt] = now };
            return await store.TryAddAsync(table, created, cancellationToken) is not null;
        }

        var touched = new TableEntity(partitionKey, OutboxKeys.HeadRowKey) { [OutboxRow.FencedAt] = now };
        return await store.TryMergeAsync(table, touched, head.ETag, cancellationToken) is not null;
    }
}

public enum RelayOutcome
{
    /// <summary>Nothing left to publish.</summary>
    Done,

    /// <summary>Another relay holds the partition.</summary>
    Busy,

    /// <summary>An event failed to publish; it and the events after it wait for its backoff.</summary>
    Failed,

    /// <summary>The first pending event is still in its backoff.</summary>
    BackingOff,

    /// <summary>The run published its maximum; the next run goes on.</summary>
    RunLimit,
}

/// <summary><paramref name="FirstUnsent"/> is the sequence the run stopped at, or null when nothing is left.</summary>
public sealed record RelayResult(int Published, RelayOutcome Outcome, long? FirstUnsent);

/// <summary><paramref name="Stalled"/> counts partitions left with an event that failed or waits for its backoff.</summary>
public sealed record SweepResult(int Partitions, int Published, int Stalled);
