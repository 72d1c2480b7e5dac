using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Events;

/// <summary>
/// Records domain events in the same table transaction as the state change that causes them.
/// <para>The simple way: build the batch for the aggregate's partition and call <see cref="CommitAsync"/>.</para>
/// <code>
/// var batch = new List&lt;TableTransactionAction&gt; { new(TableTransactionActionType.UpdateReplace, claim, claim.ETag) };
/// await outbox.CommitAsync(TableNames.Claims, claim.PartitionKey, batch, [DomainEvent.Create(...)], ct);
/// </code>
/// <para>Or, to submit the batch yourself: <see cref="EnlistAsync"/>, then <c>SubmitTransactionAsync(batch)</c>,
/// then <see cref="NudgeAsync"/>.</para>
/// </summary>
public interface IEventOutbox
{
    /// <summary>
    /// Adds to <paramref name="batch"/> the rows that record <paramref name="events"/> in the aggregate's
    /// partition, and notes the partition in the Outbox index so that the relay finds it even if the caller
    /// dies right after committing. Until the batch commits nothing is published; if it never commits, the
    /// relay forgets the note. Every action already in the batch must be for <paramref name="partitionKey"/>.
    /// A batch that fails with 412 because another writer recorded events in the partition first is an
    /// ordinary optimistic-concurrency conflict: reload and retry.
    /// </summary>
    Task<OutboxEnlistment> EnlistAsync(
        string table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        IReadOnlyList<DomainEvent> events,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="EnlistAsync(string, string, IList{TableTransactionAction}, IReadOnlyList{DomainEvent}, CancellationToken)"/>,
    /// and also records <paramref name="followUps"/>, after the events, in the same sequence: the relay runs them in order.
    /// </summary>
    Task<OutboxEnlistment> EnlistAsync(
        string table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        IReadOnlyList<DomainEvent> events,
        IReadOnlyList<FollowUp> followUps,
        CancellationToken cancellationToken = default);

    /// <summary>Asks the relay to publish the enlisted events now. Best effort: never throws; the sweep catches what it misses.</summary>
    Task NudgeAsync(OutboxEnlistment enlistment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enlists the events, commits the batch atomically and nudges the relay. Throws
    /// <see cref="TableTransactionFailedException"/> like <c>SubmitTransactionAsync</c> when the batch is
    /// rejected; then no event is ever published. Returns the batch's responses, in the caller's action order.
    /// </summary>
    Task<IReadOnlyList<Response>> CommitAsync(
        string table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        IReadOnlyList<DomainEvent> events,
        CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IEventOutbox.EnlistAsync"/> recorded: the sequence range the events take in the partition.</summary>
public sealed record OutboxEnlistment(
    string Table,
    string PartitionKey,
    string EnlistmentId,
    long FirstSequence,
    long LastSequence)
{
    public int Count => (int)(LastSequence - FirstSequence + 1);

    public bool IsEmpty => Count <= 0;
}
