using Governance.Core.Events;

namespace Governance.Core.Aggregates;

/// <summary>
/// What one step of an aggregate produces: its new <see cref="State"/>, the domain events the step causes, the
/// follow-up work it owes (audit entries, ledger postings, webhooks, index rows, queue messages) and any
/// child records stored beside the state in its partition (e.g. one row per recovery). The
/// <see cref="AggregateStore{TState}"/> commits all of them in one table transaction, or none.
/// Aggregate methods build changes; they never touch storage.
/// </summary>
public sealed record Change<TState>(TState State)
    where TState : class
{
    public IReadOnlyList<DomainEvent> Events { get; init; } = [];

    public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];

    /// <summary>Records the aggregate's <see cref="AggregateMap{TState}"/> writes as rows of the same partition.</summary>
    public IReadOnlyList<object> Children { get; init; } = [];

    public Change<TState> Emit(params DomainEvent[] events) => this with { Events = [.. Events, .. events] };

    public Change<TState> Then(params FollowUp[] followUps) => this with { FollowUps = [.. FollowUps, .. followUps] };

    public Change<TState> Then(IEnumerable<FollowUp> followUps) => this with { FollowUps = [.. FollowUps, .. followUps] };

    public Change<TState> With(params object[] children) => this with { Children = [.. Children, .. children] };

    /// <summary>The same change applied to a state derived from this one (e.g. a second step in the same commit).</summary>
    public Change<TState> Next(Func<TState, Change<TState>> step)
    {
        var next = step(State);
        return next with
        {
            Events = [.. Events, .. next.Events],
            FollowUps = [.. FollowUps, .. next.FollowUps],
            Children = [.. Children, .. next.Children],
        };
    }
}

/// <summary>A state as read, with the ETag a change of it is conditioned on.</summary>
public sealed record Stored<TState>(TState State, Azure.ETag ETag)
    where TState : class;

/// <summary>What <see cref="AggregateStore{TState}.CreateAsync"/> did: created it, or found it existing (same id).</summary>
public sealed record Created<TState>(Stored<TState> Stored, bool IsNew)
    where TState : class
{
    public TState State => Stored.State;
}
