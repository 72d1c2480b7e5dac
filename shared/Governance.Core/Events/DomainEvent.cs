using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Events;

/// <summary>
/// Something that happened in a duty and that other platform systems act on. It becomes a CloudEvents 1.0
/// message when the relay publishes it; until then it waits in the outbox next to the state that caused it.
/// </summary>
public sealed record DomainEvent
{
    /// <summary>Service Bus rejects message ids longer than this, and the event id is the message id.</summary>
    public const int MaxIdLength = 128;

    public const int MaxAggregateIdLength = 256;

    /// <summary>CloudEvents <c>id</c>: unique per source; consumers deduplicate on it.</summary>
    public required string Id { get; init; }

    /// <summary>CloudEvents <c>type</c>, one of <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>CloudEvents <c>source</c>: <c>/governance/{duty}</c>, see <see cref="EventSources"/>.</summary>
    public required string Source { get; init; }

    /// <summary>CloudEvents <c>subject</c>: the resource inside the source, e.g. the claim id.</summary>
    public string? Subject { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>The event's data as UTF-8 JSON.</summary>
    public required BinaryData Data { get; init; }

    /// <summary>
    /// The aggregate whose events must arrive in order (CloudEvents <c>partitionkey</c>). Emit all of an
    /// aggregate's events from the same table partition: the order is kept per partition.
    /// </summary>
    public required string AggregateId { get; init; }

    /// <summary>
    /// Builds an event whose data is <paramref name="data"/> serialized with the app's JSON conventions.
    /// <paramref name="id"/> defaults to a new GUID; pass a business key (e.g. the claim id) when
    /// downstream systems must deduplicate on it.
    /// </summary>
    public static DomainEvent Create<TData>(
        string type,
        string source,
        string aggregateId,
        TData data,
        DateTimeOffset time,
        string? subject = null,
        string? id = null)
    {
        var domainEvent = new DomainEvent
        {
            Id = id ?? Guid.NewGuid().ToString("D"),
            Type = type,
            Source = source,
            Subject = subject,
            Time = time.ToUniversalTime(),
            Data = new BinaryData(JsonSerializer.SerializeToUtf8Bytes(data, GovernanceJson.Options)),
            AggregateId = aggregateId,
        };
        domainEvent.Validate();
        return domainEvent;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the event could not be published as it is (a bug in the caller).</summary>
    public void Validate()
    {
        Require(Id, nameof(Id), MaxIdLength);
        Require(Type, nameof(Type), 256);
        if (!EventTypes.All.Contains(Type, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Event type '{Type}' is not one of {nameof(EventTypes)}.", nameof(Type));
        }

        Require(AggregateId, nameof(AggregateId), MaxAggregateIdLength);
        Require(Source, nameof(Source), 256);
        if (!Source.StartsWith(EventSources.Prefix, StringComparison.Ordinal) || Source.Length == EventSources.Prefix.Length)
        {
            throw new ArgumentException($"Event source '{Source}' must be '{EventSources.Prefix}{{duty}}'.", nameof(Source));
        }

        if (Subject is not null && string.IsNullOrWhiteSpace(Subject))
        {
            throw new ArgumentException("Event subject must be null or non-empty.", nameof(Subject));
        }

        try
        {
            using var _ = JsonDocument.Parse(Data);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Data of event '{Id}' is not JSON: {ex.Message}", nameof(Data), ex);
        }
    }

    private static void Require(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Event {name} is required.", name);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"Event {name} is longer than {maxLength} characters.", name);
        }

        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"Event {name} contains control characters.", name);
        }
    }
}
