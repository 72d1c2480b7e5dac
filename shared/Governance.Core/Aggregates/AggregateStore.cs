using Azure;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Aggregates;

/// <summary>
/// The one way state changes. Loads an aggregate's state with its ETag, asks the caller's decision for a
/// <see cref="Change{TState}"/>, and commits the new state, its child rows, its domain events and its
/// follow-up work in one table transaction (through the outbox, in the aggregate's partition). A lost race
/// (the ETag moved, or a concurrent batch took the partition's outbox head) reloads and decides again under
/// the one retry policy, <see cref="ConflictRetry"/>; a decision that throws (a client fault, a refused
/// transition) ends the step with nothing written.
/// <para>
/// Right after a commit the store runs what the change owes (its events and follow-ups) through the outbox
/// relay for that partition, so a caller normally sees the audit entry, the posting or the webhook done when
/// the call returns. If that fails, or another relay holds the partition, the work stays recorded: the relay's
/// nudge queue and its timer sweep complete it later, in order, at least once; follow-up handlers are
/// idempotent by the follow-up's id. Crash reasoning: before the commit nothing happened; after it, the
/// change and the work it owes exist together, whatever happens to this process.
/// </para>
/// </summary>
public sealed class AggregateStore<TState>(
    AggregateMap<TState> map,
    TableServiceClient tables,
    IEventOutbox outbox,
    OutboxRelay relay,
    ConflictRetry retry,
    ILogger<AggregateStore<TState>> logger)
    where TState : class
{
    private readonly TableClient _table = tables.GetTableClient(map.Table);

    public AggregateMap<TState> Map => map;

    public async Task<Stored<TState>?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(map.PartitionKey(id), map.RowKey(id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? new Stored<TState>(map.FromRow(row.Value), row.Value.ETag) : null;
    }

    /// <summary>
    /// Stores a new aggregate with what its creation owes. When one with the same id exists (a retry, a duplicate
    /// of a natural key) nothing is written and the existing one is returned with <see cref="Created{TState}.IsNew"/> false.
    /// </summary>
    public Task<Created<TState>> CreateAsync(string id, Change<TState> change, CancellationToken cancellationToken = default)
        => retry.RunAsync(async (_, ct) =>
        {
            if (await FindAsync(id, ct) is { } existing)
            {
                return new Created<TState>(existing, false);
            }

            var etag = await CommitAsync(id, change, ifMatch: null, ct);
            return new Created<TState>(new Stored<TState>(change.State, etag), true);
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="decide"/> to the current state and commits its change; a null change commits
    /// nothing and returns the state as read. A missing aggregate throws <paramref name="notFound"/>'s exception.
    /// </summary>
    public Task<Stored<TState>> UpdateAsync(
        string id,
        Func<TState, CancellationToken, Task<Change<TState>?>> decide,
        Func<Exception> notFound,
        CancellationToken cancellationToken = default)
        => retry.RunAsync(async (_, ct) =>
        {
            var current = await FindAsync(id, ct) ?? throw notFound();
            var change = await decide(current.State, ct);
            if (change is null)
            {
                return current;
            }

            var etag = await CommitAsync(id, change, current.ETag, ct);
            return new Stored<TState>(change.State, etag);
        }, cancellationToken);

    public Task<Stored<TState>> UpdateAsync(string id, Func<TState, Change<TState>?> decide, Func<Exception> notFound, CancellationToken cancellationToken = default)
        => UpdateAsync(id, (state, _) => Task.FromResult(decide(state)), notFound, cancellationToken);

    /// <summary>Runs what the aggregate's committed changes still owe (the sweep does the same for every partition).</summary>
    public Task<RelayResult> CompleteOwedWorkAsync(string id, CancellationToken cancellationToken = default)
        => relay.RelayPartitionAsync(map.Table, map.PartitionKey(id), cancellationToken);

    private async Task<ETag> CommitAsync(string id, Change<TState> change, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var partitionKey = map.PartitionKey(id);
        var row = map.ToRow(id, change.State);
        var batch = new List<TableTransactionAction>
        {
            ifMatch is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, row),
        };
        batch.AddRange(change.Children.Select(child => map.ChildAction(id, child)));
        var enlistment = await outbox.EnlistAsync(map.Table, partitionKey, batch, change.Events, change.FollowUps, cancellationToken);

        Response<IReadOnlyList<Response>> committed;
        try
        {
            committed = await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // 412: the state (or the partition's outbox head) changed since it was read; 409: another writer added
            // the aggregate or the partition's first outbox rows meanwhile; 404: the state row is gone.
            throw new ConcurrencyConflictException(map.Describe(id), ex);
        }

        var newETag = committed.Value[0].Headers.ETag
            ?? throw new InvalidOperationException($"The write of {map.Describe(id)} returned no ETag.");
        await RunOwedWorkAsync(enlistment);
        return newETag;
    }

    /// <summary>The fast path: the change's events and follow-ups run now; whatever does not is left to the nudge and the sweep.</summary>
    private async Task RunOwedWorkAsync(OutboxEnlistment enlistment)
    {
        if (enlistment.IsEmpty)
        {
            return;
        }

        try
        {
            var result = await relay.RelayCommittedAsync(enlistment, CancellationToken.None);
            if (result.Outcome == RelayOutcome.Done)
            {
                return;
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Work owed by a change of {Table}/{PartitionKey} did not run now; the relay will run it.", enlistment.Table, enlistment.PartitionKey);
        }

        await outbox.NudgeAsync(enlistment, CancellationToken.None);
    }
}

public static class AggregatesServiceCollectionExtensions
{
    /// <summary>Registers the store of one aggregate kind with its map.</summary>
    public static IServiceCollection AddAggregate<TState, TMap>(this IServiceCollection services)
        where TState : class
        where TMap : AggregateMap<TState>
    {
        services.TryAddSingleton<TMap>();
        services.TryAddSingleton<AggregateMap<TState>>(sp => sp.GetRequiredService<TMap>());
        services.TryAddSingleton<AggregateStore<TState>>();
        return services;
    }
}
