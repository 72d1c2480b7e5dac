using System.Collections.Concurrent;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Events;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Functions.Tests.Events;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Functions.Tests.Aggregates;

/// <summary>The one aggregate store on Azurite: state, events and follow-ups commit together; races retry; owed work runs once per id.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class AggregateStoreTests(GovernanceHostFixture fixture)
{
    public sealed record Counter(string Id, int Value, IReadOnlyList<string> Notes);

    private sealed class CounterMap : JsonAggregateMap<Counter>
    {
        public override string Table => TableNames.Claims;

        public override string Name => "Counter";

        public override string PartitionKey(string id) => "agg-test|" + id;

        public override string RowKey(string id) => "counter";

        protected override IEnumerable<KeyValuePair<string, object?>> Columns(Counter state) => [new("Value", state.Value)];

        public override TableTransactionAction ChildAction(string id, object child) => child switch
        {
            string note => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(PartitionKey(id), "note|" + note) { ["Note"] = note }),
            _ => base.ChildAction(id, child),
        };
    }

    /// <summary>Records every follow-up it runs; fails the first <see cref="FailuresLeft"/> runs.</summary>
    private sealed class RecordingHandler : IFollowUpHandler
    {
        public ConcurrentQueue<string> Ran { get; } = new();

        public int FailuresLeft;

        public string Type => "test-record";

        public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref FailuresLeft) >= 0)
            {
                throw new InvalidOperationException("handler down");
            }

            Ran.Enqueue(followUp.Id);
            return Task.CompletedTask;
        }
    }

    /// <summary>The relay's own clock: a failed follow-up waits a minute of it, which the test moves on.</summary>
    private readonly FakeTimeProvider _relayClock = new(DateTimeOffset.UtcNow);

    private (AggregateStore<Counter> Store, RecordingHandler Handler, OutboxRelay Relay) NewStore()
    {
        var services = fixture.Services;
        var handler = new RecordingHandler();
        var options = Options.Create(new EventsOptions { Relay = new OutboxRelayOptions { BackoffBase = TimeSpan.FromMinutes(1), BackoffMax = TimeSpan.FromMinutes(1) } });
        // The Outbox table's index and lease partitions are this test's own, and nudges go nowhere: the host's relay
        // (which has no handler for the test's follow-ups) never sees these partitions.
        var outboxStore = new IsolatedOutboxStore(new TableOutboxStore(fixture.Tables));
        var outbox = new EventOutbox(outboxStore, Mock.Of<IRelayTrigger>(), _relayClock, NullLogger<EventOutbox>.Instance);
        var relay = new OutboxRelay(
            outboxStore,
            services.GetRequiredService<IEventPublisher>(),
            new FollowUpDispatcher([handler, .. services.GetServices<IFollowUpHandler>()]),
            _relayClock,
            options,
            NullLogger<OutboxRelay>.Instance);
        var retry = new ConflictRetry(Options.Create(new ConcurrencyOptions { MaxAttempts = 200, BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(50) }), TimeProvider.System, NullLogger<ConflictRetry>.Instance);
        var store = new AggregateStore<Counter>(new CounterMap(), fixture.Tables, outbox, relay, retry, NullLogger<AggregateStore<Counter>>.Instance);
        return (store, handler, relay);
    }

    private static FollowUp Record(string id) => FollowUp.Create("test-record", id, new { id });

    private static Change<Counter> Increment(Counter counter)
    {
        var next = counter with { Value = counter.Value + 1 };
        return new Change<Counter>(next).Then(Record($"{counter.Id}:{next.Value}"));
    }

    private static Exception Missing() => GovernanceProblem.NotFound("no counter");

    [Fact]
    public async Task Creating_an_existing_aggregate_writes_nothing_and_returns_the_stored_one()
    {
        var (store, handler, _) = NewStore();
        var id = Guid.NewGuid().ToString("N");

        var first = await store.CreateAsync(id, new Change<Counter>(new Counter(id, 1, [])).Then(Record(id + ":created")));
        var second = await store.CreateAsync(id, new Change<Counter>(new Counter(id, 99, [])).Then(Record(id + ":created-again")));

        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(1, second.State.Value);
        Assert.Equal([id + ":created"], handler.Ran);
    }

    [Fact]
    public async Task A_change_commits_its_state_child_rows_and_follow_ups_together_and_runs_them_at_once()
    {
        var (store, handler, _) = NewStore();
        var id = Guid.NewGuid().ToString("N");
        await store.CreateAsync(id, new Change<Counter>(new Counter(id, 0, [])));

        var stored = await store.UpdateAsync(id, c => Increment(c).With("first-note"), Missing);

        Assert.Equal(1, stored.State.Value);
        Assert.Equal([$"{id}:1"], handler.Ran);
        var rows = await fixture.Tables.GetTableClient(TableNames.Claims).QueryAsync<TableEntity>(e => e.PartitionKey == "agg-test|" + id).ToListAsync();
        Assert.Contains(rows, r => r.RowKey == "counter" && r.GetInt32("Value") == 1);
        Assert.Contains(rows, r => r.RowKey == "note|first-note");
        var followUpRow = Assert.Single(rows, r => r.GetString("Kind") == "followup");
        Assert.Equal("sent", followUpRow.GetString("Status"));
    }

    [Fact]
    public async Task Concurrent_changes_of_one_aggregate_all_apply_and_each_follow_up_runs_once()
    {
        var (store, handler, _) = NewStore();
        var id = Guid.NewGuid().ToString("N");
        await store.CreateAsync(id, new Change<Counter>(new Counter(id, 0, [])));

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => store.UpdateAsync(id, Increment, Missing)));

        var final = await store.FindAsync(id);
        Assert.Equal(12, final!.State.Value);
        await store.CompleteOwedWorkAsync(id);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"{id}:{n}").Order(), handler.Ran.Order());
    }

    [Fact]
    public async Task A_refused_decision_writes_nothing()
    {
        var (store, handler, _) = NewStore();
        var id = Guid.NewGuid().ToString("N");
        await store.CreateAsync(id, new Change<Counter>(new Counter(id, 5, [])));

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => store.UpdateAsync(id, _ => throw GovernanceProblem.Conflict("not now"), Missing));
        var missing = await Assert.ThrowsAsync<GovernanceProblem>(() => store.UpdateAsync("no-such-" + id, Increment, Missing));

        Assert.Equal(409, problem.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(5, (await store.FindAsync(id))!.State.Value);
        Assert.Empty(handler.Ran);
    }

    [Fact]
    public async Task A_follow_up_that_fails_after_the_commit_stays_owed_and_runs_once_on_a_later_relay_in_order()
    {
        var (store, handler, relay) = NewStore();
        var id = Guid.NewGuid().ToString("N");
        await store.CreateAsync(id, new Change<Counter>(new Counter(id, 0, [])));
        handler.FailuresLeft = 1;

        var stored = await store.UpdateAsync(id, Increment, Missing);
        await store.UpdateAsync(id, Increment, Missing);

        Assert.Equal(1, stored.State.Value);
        Assert.Equal(2, (await store.FindAsync(id))!.State.Value);
        Assert.Empty(handler.Ran); // the first failed; the second waits behind it (order per aggregate)
        Assert.Equal(RelayOutcome.BackingOff, (await relay.RelayPartitionAsync(TableNames.Claims, "agg-test|" + id)).Outcome);

        _relayClock.Advance(TimeSpan.FromMinutes(2));
        var result = await relay.RelayPartitionAsync(TableNames.Claims, "agg-test|" + id);

        Assert.Equal(RelayOutcome.Done, result.Outcome);
        Assert.Equal([$"{id}:1", $"{id}:2"], handler.Ran);
    }
}
