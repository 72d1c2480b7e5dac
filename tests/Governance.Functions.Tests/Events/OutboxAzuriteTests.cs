using Azure.Data.Tables;
using Azure.Messaging;
using Azure.Storage.Queues;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Functions.Tests.Events;

/// <summary>The outbox on real table storage (Azurite), relayed by the local host's own functions where it can be.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OutboxAzuriteTests(GovernanceHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private IEventOutbox Outbox => fixture.Services.GetRequiredService<IEventOutbox>();

    private TableClient Claims => fixture.Tables.GetTableClient(TableNames.Claims);

    private QueueClient EventsQueue => fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, StorageQueueEventPublisher.QueueSetting));

    private static string NewPartition() => "it-" + Guid.NewGuid().ToString("N");

    private DomainEvent Event(string aggregateId, string? id = null, int n = 0)
        => DomainEvent.Create(EventTypes.CompensationPrepaid, EventSources.Claims, aggregateId,
            new { claimId = aggregateId, n, amount = new { amount = 100L + n, currency = "CNY" } },
            fixture.Clock.GetUtcNow(), subject: aggregateId, id: id ?? Guid.NewGuid().ToString("N"));

    private static TableTransactionAction SetState(string partitionKey, string state, TableEntity? current)
    {
        var row = new TableEntity(partitionKey, "state") { ["State"] = state };
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    private async Task<List<TableEntity>> EventRowsAsync(string partitionKey)
        => await Claims.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey).Where(e => e.RowKey.StartsWith(OutboxKeys.EventPrefix)).ToListAsync();

    [Fact]
    public async Task A_state_change_and_its_event_commit_together_and_the_host_relays_the_event()
    {
        var partition = NewPartition();
        var domainEvent = Event(partition, id: partition);

        await Outbox.CommitAsync(TableNames.Claims, partition, [SetState(partition, "approved", null)], [domainEvent]);

        var rows = await Claims.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
        Assert.Contains(rows, r => r.RowKey == "state" && r.GetString("State") == "approved");
        Assert.Contains(rows, r => r.RowKey == OutboxKeys.EventRowKey(1) && r.GetString("EventId") == partition);

        var received = await EventsQueueReader.CollectAsync(EventsQueue, e => e.Id == partition, r => r.Count == 1, Patience);
        var cloudEvent = Assert.Single(received);
        Assert.Equal(EventTypes.CompensationPrepaid, cloudEvent.Type);
        Assert.Equal(EventSources.Claims, cloudEvent.Source);
        Assert.Equal(partition, cloudEvent.Subject);
        Assert.Equal(100, cloudEvent.Data!.ToObjectFromJson<Payout>(Json)!.Amount.Amount);

        await Eventually.HoldsAsync(async () => (await EventRowsAsync(partition)).All(r => r.GetString("Status") == "sent"), Patience, "the event row marked sent");
        await Eventually.HoldsAsync(async () => !await IndexRowsAsync(partition).AnyAsync(), Patience, "the index note removed");
    }

    [Fact]
    public async Task A_rolled_back_state_change_never_reaches_the_events_queue()
    {
        var partition = NewPartition();
        await Outbox.CommitAsync(TableNames.Claims, partition, [SetState(partition, "received", null)], []);
        var stale = (await Claims.GetEntityAsync<TableEntity>(partition, "state")).Value;
        await Claims.UpdateEntityAsync(new TableEntity(partition, "state") { ["State"] = "rejected" }, stale.ETag, TableUpdateMode.Replace);
        var never = Event(partition, id: "never-" + partition);

        await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => Outbox.CommitAsync(TableNames.Claims, partition, [SetState(partition, "approved", stale)], [never]));

        Assert.Empty(await EventRowsAsync(partition));
        Assert.Equal("rejected", (await Claims.GetEntityAsync<TableEntity>(partition, "state")).Value.GetString("State"));

        // A later event of the same partition is relayed after anything recorded before it: once it is out,
        // the rolled-back one would have been too.
        var current = (await Claims.GetEntityAsync<TableEntity>(partition, "state")).Value;
        var later = Event(partition, id: "later-" + partition);
        await Outbox.CommitAsync(TableNames.Claims, partition, [SetState(partition, "reopened", current)], [later]);
        var received = await EventsQueueReader.CollectAsync(EventsQueue, e => e.Subject == partition, r => r.Any(e => e.Id == later.Id), Patience);

        Assert.DoesNotContain(received, e => e.Id == never.Id);
        Assert.Equal(1, Assert.Single(await EventRowsAsync(partition)).GetInt64("Sequence"));
    }

    [Fact]
    public async Task A_relay_crash_between_publish_and_mark_sent_republishes_the_same_event_id_and_loses_nothing()
    {
        var partition = NewPartition();
        var store = new IsolatedOutboxStore(new TableOutboxStore(fixture.Tables));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var outbox = new EventOutbox(store, Mock.Of<IRelayTrigger>(), clock, NullLogger<EventOutbox>.Instance);
        var queue = fixture.Queues.GetQueueClient("it-events-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateAsync();
        var options = Options.Create(new EventsOptions { Relay = { ImmediateRetryDelay = TimeSpan.Zero } });
        var names = new QueueNameOptions();
        names.Names[StorageQueueEventPublisher.QueueSetting] = queue.Name;
        var sender = new QueueSender(fixture.Queues, Options.Create(names));
        OutboxRelay NewRelay() => new(store, new StorageQueueEventPublisher(sender), new FollowUpDispatcher([]), clock, options, NullLogger<OutboxRelay>.Instance);
        var events = new[] { Event(partition, "e1-" + partition), Event(partition, "e2-" + partition), Event(partition, "e3-" + partition) };
        await outbox.CommitAsync(TableNames.Claims, partition, [SetState(partition, "approved", null)], events);

        var dead = false;
        store.BeforeWrite = (operation, table, entity) =>
        {
            if (dead || (operation == "batch" && table == TableNames.Claims))
            {
                dead = true; // the process dies between publishing the events and marking them sent (one batch)
                throw new SimulatedCrash();
            }
        };
        await Assert.ThrowsAsync<SimulatedCrash>(() => NewRelay().RelayPartitionAsync(TableNames.Claims, partition));

        store.BeforeWrite = null;
        clock.Advance(options.Value.Relay.LeaseDuration);
        var result = await NewRelay().SweepAsync();

        Assert.Equal(3, result.Published);
        var received = await EventsQueueReader.CollectAsync(queue, _ => true, r => r.Count == 6, Patience);
        Assert.Equal([events[0].Id, events[1].Id, events[2].Id, events[0].Id, events[1].Id, events[2].Id], received.Select(e => e.Id));
        Assert.Equal(received[1].Data!.ToString(), received[4].Data!.ToString());
        Assert.All(await EventRowsAsync(partition), r => Assert.Equal("sent", r.GetString("Status")));
        Assert.Empty(await fixture.Tables.GetTableClient(TableNames.Outbox).QueryAsync<TableEntity>(e => e.PartitionKey == store.IndexPartition).ToListAsync());
        await queue.DeleteAsync();
    }

    [Fact]
    public async Task A_thousand_events_relay_in_order_per_aggregate()
    {
        const int aggregates = 4;
        const int perAggregate = 250;
        const int perBatch = 10;
        var partitions = Enumerable.Range(0, aggregates).Select(_ => NewPartition()).ToArray();
        var committed = partitions.ToDictionary(p => p, _ => new List<string>());

        await Task.WhenAll(partitions.Select(async partition =>
        {
            TableEntity? state = null;
            for (var batch = 0; batch < perAggregate / perBatch; batch++)
            {
                var events = Enumerable.Range(batch * perBatch, perBatch).Select(n => Event(partition, $"{partition}-{n:D4}", n)).ToList();
                await Outbox.CommitAsync(TableNames.Claims, partition, [SetState(partition, $"step-{batch}", state)], events);
                state = (await Claims.GetEntityAsync<TableEntity>(partition, "state")).Value;
                committed[partition].AddRange(events.Select(e => e.Id));
            }
        }));

        var ours = partitions.ToHashSet();
        var received = await EventsQueueReader.CollectAsync(
            EventsQueue,
            e => e.Subject is not null && ours.Contains(e.Subject),
            r => r.Select(e => e.Id).Distinct().Count() == aggregates * perAggregate,
            TimeSpan.FromMinutes(3));

        foreach (var partition in partitions)
        {
            var firstSeen = received.Where(e => e.Subject == partition).Select(e => e.Id).Distinct().ToList();
            Assert.Equal(committed[partition], firstSeen);
            var sequences = received.Where(e => e.Subject == partition).Select(e => (string)e.ExtensionAttributes["sequence"]).Distinct().ToList();
            Assert.Equal(sequences.Order(StringComparer.Ordinal), sequences);
        }
    }

    private IAsyncEnumerable<TableEntity> IndexRowsAsync(string partition)
        => fixture.Tables.GetTableClient(TableNames.Outbox).QueryAsync<TableEntity>(e => e.PartitionKey == OutboxKeys.IndexPartition)
            .Where(e => e.GetString("AggregatePartition") == partition);

    private sealed record Payout(Money Amount);

    private sealed record Money(long Amount, string Currency);

    private sealed class SimulatedCrash : Exception;
}
