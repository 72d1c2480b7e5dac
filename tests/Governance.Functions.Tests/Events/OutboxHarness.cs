using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Functions.Tests.Events;

/// <summary>
/// The outbox wired as in production: the real <see cref="TableOutboxStore"/> on tables of its own in Azurite, a mocked
/// Service Bus sender behind the real <see cref="ServiceBusEventPublisher"/>, and a clock the test moves.
/// </summary>
internal sealed class OutboxHarness
{
    public const string Table = TableNames.Claims;

    public OutboxHarness(AzuriteTables tables, Action<OutboxRelayOptions>? configure = null)
    {
        Tables = tables;
        Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((message, _) => Sent.Enqueue(message))
            .Returns(Task.CompletedTask);
        Trigger.Setup(t => t.RequestAsync(It.IsAny<RelayRequest>(), It.IsAny<CancellationToken>()))
            .Callback<RelayRequest, CancellationToken>((request, _) => Nudges.Enqueue(request))
            .Returns(Task.CompletedTask);

        Store = new TableOutboxStore(Tables.Service);
        var options = new EventsOptions();
        options.Relay.ImmediateRetryDelay = TimeSpan.Zero;
        configure?.Invoke(options.Relay);
        Options = options.Relay;
        Outbox = new EventOutbox(Store, Trigger.Object, Time, NullLogger<EventOutbox>.Instance);
        Relay = NewRelay(options);
    }

    public AzuriteTables Tables { get; }

    public IOutboxStore Store { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public Mock<ServiceBusSender> Sender { get; } = new();

    /// <summary>Every message the sender accepted, in send order.</summary>
    public ConcurrentQueue<ServiceBusMessage> Sent { get; } = new();

    public Mock<IRelayTrigger> Trigger { get; } = new();

    public ConcurrentQueue<RelayRequest> Nudges { get; } = new();

    public OutboxRelayOptions Options { get; }

    public EventOutbox Outbox { get; }

    public OutboxRelay Relay { get; }

    public IReadOnlyList<string> SentIds => Sent.Select(m => m.MessageId).ToList();

    /// <summary>Handlers the relays created after this is set up run follow-ups with.</summary>
    public List<IFollowUpHandler> FollowUpHandlers { get; } = [];

    /// <summary>A second relay instance on the same storage, as another host would run.</summary>
    public OutboxRelay NewRelay(EventsOptions? options = null)
    {
        options ??= new EventsOptions { Relay = Options };
        return new OutboxRelay(Store, new ServiceBusEventPublisher(Sender.Object), new FollowUpDispatcher(FollowUpHandlers), Time, Microsoft.Extensions.Options.Options.Create(options), NullLogger<OutboxRelay>.Instance);
    }

    public static DomainEvent Event(string id, string aggregateId, object? data = null, string type = EventTypes.CompensationPrepaid)
        => DomainEvent.Create(type, EventSources.Claims, aggregateId, data ?? new { claimId = aggregateId, note = id }, new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), subject: aggregateId, id: id);

    /// <summary>
    /// Changes the aggregate's state row (insert, or replace with its current ETag) and records the events in
    /// the same batch, the way a duty service does.
    /// </summary>
    public async Task CommitAsync(string partitionKey, string state, params DomainEvent[] events)
    {
        var current = await Store.GetAsync(Table, partitionKey, "state");
        var batch = new List<TableTransactionAction> { StateAction(partitionKey, state, current) };
        await Outbox.CommitAsync(Table, partitionKey, batch, events);
    }

    public static TableTransactionAction StateAction(string partitionKey, string state, TableEntity? current)
    {
        var row = new TableEntity(partitionKey, "state") { ["State"] = state };
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    /// <summary>The rows of a partition in key order, state and outbox rows alike.</summary>
    public IReadOnlyList<TableEntity> Rows(string table, string partitionKey)
        => Tables.Table(table).Rows.Where(r => r.PartitionKey == partitionKey).ToList();

    public IReadOnlyList<TableEntity> EventRows(string partitionKey)
        => Rows(Table, partitionKey).Where(r => r.RowKey.StartsWith(OutboxKeys.EventPrefix, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<TableEntity> IndexRows() => Rows(TableNames.Outbox, OutboxKeys.IndexPartition);

    public IReadOnlyList<TableEntity> LeaseRows() => Rows(TableNames.Outbox, OutboxKeys.LeasePartition);
}
