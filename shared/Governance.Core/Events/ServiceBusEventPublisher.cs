using Azure.Messaging.ServiceBus;

namespace Governance.Core.Events;

/// <summary>
/// Publishes to a Service Bus topic in the CloudEvents structured mode: the body is the CloudEvents JSON, the
/// message id is the event id (so the topic's duplicate detection drops a republished event), the subject is
/// the event type, and type/source/subject are also application properties for subscription filters.
/// </summary>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender) : IEventPublisher
{
    public const string CloudEventsContentType = "application/cloudevents+json";

    public async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await sender.SendMessageAsync(ToMessage(outboxEvent), cancellationToken);
        }
        catch (ServiceBusException ex)
        {
            throw new EventPublishException(ex.IsTransient, $"Service Bus refused event {outboxEvent.EventId} ({ex.Reason}): {ex.Message}", ex);
        }
    }

    public static ServiceBusMessage ToMessage(OutboxEvent outboxEvent)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(outboxEvent.CloudEventJson))
        {
            MessageId = outboxEvent.EventId,
            Subject = outboxEvent.Type,
            ContentType = CloudEventsContentType,
        };
        message.ApplicationProperties["type"] = outboxEvent.Type;
        message.ApplicationProperties["source"] = outboxEvent.Source;
        if (outboxEvent.Subject is not null)
        {
            message.ApplicationProperties["subject"] = outboxEvent.Subject;
        }

        message.ApplicationProperties["partitionkey"] = outboxEvent.AggregateId;
        message.ApplicationProperties["sequence"] = outboxEvent.Sequence;
        return message;
    }
}
