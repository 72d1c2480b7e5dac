using Azure;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;

namespace Governance.Core.Disclosures;

/// <summary>
/// Commits a publish batch together with its <c>governance.disclosure.published</c> event. A rejected batch
/// (409/412) surfaces as the table's <see cref="RequestFailedException"/> unchanged: the publisher treats it as a
/// lost race and retries. The partition is the kind, so events are ordered per kind.
/// </summary>
public interface IDisclosureEvents
{
    Task CommitWithPublishedEventAsync(
        TableClient table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        DisclosurePublished published,
        CancellationToken cancellationToken = default);
}

/// <summary>The event goes into the kind's partition in the same transaction, through the outbox.</summary>
public sealed class OutboxDisclosureEvents(IEventOutbox outbox) : IDisclosureEvents
{
    public async Task CommitWithPublishedEventAsync(
        TableClient table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        DisclosurePublished published,
        CancellationToken cancellationToken = default)
    {
        var domainEvent = DomainEvent.Create(
            EventTypes.DisclosurePublished,
            EventSources.Disclosures,
            aggregateId: published.Kind,
            data: published,
            time: published.PublishedAt,
            subject: published.Subject,
            id: published.EventId);
        await outbox.CommitAsync(table.Name, partitionKey, batch, [domainEvent], cancellationToken);
    }
}
