using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging;

namespace Governance.Core.Events;

/// <summary>
/// An event as recorded in the outbox: the CloudEvents JSON is built once, when the event is recorded,
/// so every (re)publication sends the same bytes with the same id.
/// </summary>
public sealed record OutboxEvent(
    string EventId,
    string Type,
    string Source,
    string? Subject,
    string AggregateId,
    long Sequence,
    string CloudEventJson);

/// <summary>
/// Status values and property names of outbox rows. A row is a domain event to publish (no <see cref="Kind"/>
/// property, as rows written before follow-ups existed) or a <see cref="FollowUp"/> to run (<see cref="Kind"/> =
/// <see cref="FollowUpKind"/>); both share the partition's sequence, so they run in the order they were recorded.
/// </summary>
internal static class OutboxRow
{
    public const string Pending = "pending";
    public const string Sent = "sent";

    public const string Kind = "Kind";
    public const string FollowUpKind = "followup";
    public const string FollowUpType = "FollowUpType";
    public const string FollowUpId = "FollowUpId";
    public const string Payload = "Payload";

    public const string Status = "Status";
    public const string EventId = "EventId";
    public const string EventType = "EventType";
    public const string Source = "Source";
    public const string Subject = "Subject";
    public const string AggregateId = "AggregateId";
    public const string Sequence = "Sequence";
    public const string CloudEvent = "CloudEvent";
    public const string RecordedAt = "RecordedAt";
    public const string Attempts = "Attempts";
    public const string LastError = "LastError";
    public const string NextAttemptAt = "NextAttemptAt";
    public const string SentAt = "SentAt";

    public const string NextSequence = "NextSequence";
    public const string FencedAt = "FencedAt";

    /// <summary>A table string property holds 64 KiB of UTF-16; UTF-8 bytes never outnumber UTF-16 units, and base64 of this still fits a 64 KiB queue message.</summary>
    public const int MaxCloudEventBytes = 32 * 1024;

    public static string ToCloudEventJson(DomainEvent domainEvent, long sequence)
    {
        var cloudEvent = new CloudEvent(domainEvent.Source, domainEvent.Type, domainEvent.Data, "application/json", CloudEventDataFormat.Json)
        {
            Id = domainEvent.Id,
            Subject = domainEvent.Subject,
            Time = domainEvent.Time,
        };
        cloudEvent.ExtensionAttributes["partitionkey"] = domainEvent.AggregateId;
        cloudEvent.ExtensionAttributes["sequence"] = OutboxKeys.FormatSequence(sequence);
        return JsonSerializer.Serialize(cloudEvent);
    }

    public static TableEntity Create(string partitionKey, DomainEvent domainEvent, long sequence, DateTimeOffset now)
    {
        var json = ToCloudEventJson(domainEvent, sequence);
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxCloudEventBytes)
        {
            throw new ArgumentException($"Event '{domainEvent.Id}' is larger than {MaxCloudEventBytes} bytes as CloudEvents JSON; send a reference to the data instead.");
        }

        var row = new TableEntity(partitionKey, OutboxKeys.EventRowKey(sequence))
        {
            [Status] = Pending,
            [EventId] = domainEvent.Id,
            [EventType] = domainEvent.Type,
            [Source] = domainEvent.Source,
            [AggregateId] = domainEvent.AggregateId,
            [Sequence] = sequence,
            [CloudEvent] = json,
            [RecordedAt] = now,
            [Attempts] = 0,
        };
        if (domainEvent.Subject is not null)
        {
            row[Subject] = domainEvent.Subject;
        }

        return row;
    }

    public static TableEntity Create(string partitionKey, FollowUp followUp, long sequence, DateTimeOffset now)
    {
        var payload = followUp.Payload.ToString();
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxCloudEventBytes)
        {
            throw new ArgumentException($"Follow-up {followUp.Type} '{followUp.Id}' has a payload larger than {MaxCloudEventBytes} bytes; record a reference instead.");
        }

        return new TableEntity(partitionKey, OutboxKeys.EventRowKey(sequence))
        {
            [Status] = Pending,
            [Kind] = FollowUpKind,
            [FollowUpType] = followUp.Type,
            [FollowUpId] = followUp.Id,
            [Payload] = payload,
            [Sequence] = sequence,
            [RecordedAt] = now,
            [Attempts] = 0,
        };
    }

    public static bool IsFollowUp(TableEntity row) => row.GetString(Kind) == FollowUpKind;

    public static FollowUp ToFollowUp(TableEntity row) => new()
    {
        Type = Required(row, FollowUpType),
        Id = Required(row, FollowUpId),
        Payload = BinaryData.FromString(Required(row, Payload)),
    };

    public static OutboxEvent ToEvent(TableEntity row) => new(
        Required(row, EventId),
        Required(row, EventType),
        Required(row, Source),
        row.GetString(Subject),
        Required(row, AggregateId),
        row.GetInt64(Sequence) ?? throw Corrupt(row, Sequence),
        Required(row, CloudEvent));

    private static string Required(TableEntity row, string property)
        => row.GetString(property) ?? throw Corrupt(row, property);

    private static InvalidOperationException Corrupt(TableEntity row, string property)
        => new($"Outbox row '{row.PartitionKey}'/'{row.RowKey}' has no {property}.");
}
