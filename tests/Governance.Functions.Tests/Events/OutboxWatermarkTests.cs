using Azure;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Governance.Functions.Tests.Events;

/// <summary>
/// The relay's sent watermark on Azurite: the work a commit owes is found by key between the watermark and the
/// commit's sequence (no query), and the watermark moves in the same transaction as the rows it covers.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OutboxWatermarkTests(GovernanceHostFixture fixture)
{
    private TableClient Claims => fixture.Tables.GetTableClient(TableNames.Claims);

    private (EventOutbox Outbox, OutboxRelay Relay, CountingStore Store) NewOutbox()
    {
        var store = new CountingStore(new IsolatedOutboxStore(new TableOutboxStore(fixture.Tables)));
        var services = fixture.Services;
        var outbox = new EventOutbox(store, Mock.Of<IRelayTrigger>(), fixture.Clock, NullLogger<EventOutbox>.Instance);
        var relay = new OutboxRelay(store, services.GetRequiredService<IEventPublisher>(), services.GetRequiredService<FollowUpDispatcher>(), fixture.Clock,
            Options.Create(new EventsOptions()), NullLogger<OutboxRelay>.Instance);
        return (outbox, relay, store);
    }

    private static Task<OutboxEnlistment> CommitAsync(EventOutbox outbox, TableClient table, string partition, int n, int events = 1)
        => CommitAsync(outbox, table, partition, Enumerable.Range(0, events).Select(i => n * 100 + i).ToArray());

    private static async Task<OutboxEnlistment> CommitAsync(EventOutbox outbox, TableClient table, string partition, int[] ns)
    {
        var batch = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "state") { ["N"] = ns[0] }) };
        var enlistment = await outbox.EnlistAsync(TableNames.Claims, partition, batch, ns.Select(n => DomainEvent.Create(EventTypes.CompensationPrepaid, EventSources.Claims, partition,
            new { claimId = partition, n }, DateTimeOffset.UtcNow, subject: partition, id: $"{partition}:{n}")).ToList());
        await table.SubmitTransactionAsync(batch);
        return enlistment;
    }

    private async Task<long?> WatermarkAsync(string partition)
    {
        var row = await Claims.GetEntityIfExistsAsync<TableEntity>(partition, OutboxKeys.SentRowKey);
        return row.HasValue ? row.Value!.GetInt64("SentThrough") : null;
    }

    [Fact]
    public async Task After_a_commit_the_relay_finds_the_work_owed_by_key_and_moves_the_watermark_with_it()
    {
        var (outbox, relay, store) = NewOutbox();
        var partition = "wm-" + Guid.NewGuid().ToString("N");

        var first = await CommitAsync(outbox, Claims, partition, 1, events: 3);
        var result = await relay.RelayCommittedAsync(first);

        Assert.Equal((RelayOutcome.Done, 3), (result.Outcome, result.Published));
        Assert.Equal(3, await WatermarkAsync(partition));
        Assert.Equal(0, store.Queries);

        var second = await CommitAsync(outbox, Claims, partition, 2);
        Assert.Equal(1, (await relay.RelayCommittedAsync(second)).Published);
        Assert.Equal(4, await WatermarkAsync(partition));
        Assert.Equal(0, store.Queries);
        var swept = await relay.RelayPartitionAsync(TableNames.Claims, partition);
        Assert.Equal((RelayOutcome.Done, 0, 0), (swept.Outcome, swept.Published, store.Queries));
        var rows = await Claims.QueryAsync<TableEntity>(e => e.PartitionKey == partition).Where(r => r.RowKey.StartsWith(OutboxKeys.EventPrefix)).ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("sent", r.GetString("Status")));
    }

    [Fact]
    public async Task A_long_stretch_owed_or_a_partition_without_a_watermark_is_read_with_one_query_and_then_by_key()
    {
        var (outbox, relay, store) = NewOutbox();
        var partition = "wm-" + Guid.NewGuid().ToString("N");
        for (var n = 0; n < OutboxWatermarkLimit + 5; n++)
        {
            await CommitAsync(outbox, Claims, partition, n);
        }

        var swept = await relay.RelayPartitionAsync(TableNames.Claims, partition);

        Assert.Equal((RelayOutcome.Done, OutboxWatermarkLimit + 5), (swept.Outcome, swept.Published));
        Assert.Equal(1, store.Queries);
        Assert.Equal(OutboxWatermarkLimit + 5, await WatermarkAsync(partition));
        var next = await CommitAsync(outbox, Claims, partition, 99);
        Assert.Equal(1, (await relay.RelayCommittedAsync(next)).Published);
        Assert.Equal(1, store.Queries);
    }

    [Fact]
    public async Task A_failed_row_holds_the_watermark_below_it_and_the_rows_after_it_wait()
    {
        var (outbox, relay, _) = NewOutbox();
        var partition = "wm-" + Guid.NewGuid().ToString("N");
        await relay.RelayCommittedAsync(await CommitAsync(outbox, Claims, partition, 1));
        var failing = new EventOutbox(new IsolatedOutboxStore(new TableOutboxStore(fixture.Tables)), Mock.Of<IRelayTrigger>(), fixture.Clock, NullLogger<EventOutbox>.Instance);
        var broken = new OutboxRelay(new TableOutboxStore(fixture.Tables), new FailingPublisher(), fixture.Services.GetRequiredService<FollowUpDispatcher>(), fixture.Clock,
            Options.Create(new EventsOptions { Relay = new OutboxRelayOptions { ImmediateRetries = 0 } }), NullLogger<OutboxRelay>.Instance);

        var enlistment = await CommitAsync(failing, Claims, partition, [2, 3]);
        var result = await broken.RelayCommittedAsync(enlistment);

        Assert.Equal((RelayOutcome.Failed, 2L), (result.Outcome, result.FirstUnsent));
        Assert.Equal(1, await WatermarkAsync(partition));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await relay.RelayPartitionAsync(TableNames.Claims, partition)).Published);
        Assert.Equal(3, await WatermarkAsync(partition));
    }

    private const int OutboxWatermarkLimit = 32;

    private sealed class FailingPublisher : IEventPublisher
    {
        public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken = default)
            => throw new EventPublishException(isTransient: false, "down");
    }

    /// <summary>The outbox store, counting the queries the relay makes.</summary>
    private sealed class CountingStore(IOutboxStore inner) : IOutboxStore
    {
        private int _queries;

        public int Queries => _queries;

        public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
            => inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

        public IAsyncEnumerable<TableEntity> QueryAsync(string table, string partitionKey, string fromRowKey, string toRowKey, (string Name, string Value)? whereEquals = null, CancellationToken cancellationToken = default)
        {
            if (table != TableNames.Outbox)
            {
                Interlocked.Increment(ref _queries);
            }

            return inner.QueryAsync(table, partitionKey, fromRowKey, toRowKey, whereEquals, cancellationToken);
        }

        public Task<ETag?> TryAddAsync(string table, TableEntity entity, CancellationToken cancellationToken = default) => inner.TryAddAsync(table, entity, cancellationToken);

        public Task<ETag?> TryMergeAsync(string table, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken = default) => inner.TryMergeAsync(table, entity, ifMatch, cancellationToken);

        public Task<bool> TryDeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
            => inner.TryDeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

        public Task<IReadOnlyList<Response>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
            => inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }
}
