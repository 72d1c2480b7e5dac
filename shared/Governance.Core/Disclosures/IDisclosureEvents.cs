using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Disclosures;

/// <summary>
/// OUTBOX SEAM (to be wired by the lead when branch <c>outbox</c> is merged): commits the publish batch together
/// with the <c>governance.disclosure.published</c> event. The outbox implementation is one call:
/// <code>
/// outbox.CommitAsync(table.Name, partitionKey, batch,
///     [DomainEvent.Create(EventTypes.DisclosurePublished, EventSources.Disclosures, aggregateId: published.Kind,
///         data: published, time: published.PublishedAt, subject: published.Subject, id: published.EventId)], ct);
/// </code>
/// It must throw the batch's <see cref="RequestFailedException"/> (409/412) unchanged when the batch is rejected,
/// because the publisher treats that as a lost race and retries. The partition is the kind, so events are ordered per kind.
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

/// <summary>
/// Default until the outbox is wired: commits the batch, then only logs the event (nothing is sent anywhere).
/// Replace it with the outbox-backed implementation described on <see cref="IDisclosureEvents"/>.
/// </summary>
public sealed class LoggingDisclosureEvents(ILogger<LoggingDisclosureEvents> logger) : IDisclosureEvents
{
    public async Task CommitWithPublishedEventAsync(
        TableClient table,
        string partitionKey,
        IList<TableTransactionAction> batch,
        DisclosurePublished published,
        CancellationToken cancellationToken = default)
    {
        await table.SubmitTransactionAsync(batch, cancellationToken);
        logger.LogInformation(
            "Event {EventType} {EventId}: {Kind} version {Version} ({Sha256}), {Status} from {EffectiveFrom:o}.",
            DisclosurePublished.EventType, published.EventId, published.Kind, published.Version, published.Sha256, published.Status, published.EffectiveFrom);
    }
}
