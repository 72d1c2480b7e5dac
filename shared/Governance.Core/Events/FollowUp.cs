using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Events;

/// <summary>
/// Work a committed change owes and that cannot join its table transaction: an audit entry, a ledger posting,
/// a webhook, a queue message, an index row in another partition. It is recorded in the aggregate's partition
/// in the same transaction as the change (beside the change's domain events, in one sequence), so it exists
/// exactly when the change does; the outbox relay then runs it through the <see cref="IFollowUpHandler"/> of
/// its <see cref="Type"/>, in order per partition, at least once. Handlers are idempotent by <see cref="Id"/>,
/// which is deterministic (derived from the aggregate and the change), so a re-run after a crash has no
/// second effect.
/// </summary>
public sealed record FollowUp
{
    public const int MaxIdLength = 512;
    public const int MaxTypeLength = 64;

    /// <summary>Which handler runs it, e.g. <c>audit</c>, <c>ledger</c>, <c>queue</c>, <c>index</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Deterministic id: the handler's idempotency key (audit record id, posting id, delivery id…).</summary>
    public required string Id { get; init; }

    /// <summary>What the handler needs, as UTF-8 JSON with the app's conventions.</summary>
    public required BinaryData Payload { get; init; }

    public static FollowUp Create<TPayload>(string type, string id, TPayload payload)
    {
        var followUp = new FollowUp
        {
            Type = type,
            Id = id,
            Payload = new BinaryData(JsonSerializer.SerializeToUtf8Bytes(payload, GovernanceJson.Options)),
        };
        followUp.Validate();
        return followUp;
    }

    public T Read<T>() => JsonSerializer.Deserialize<T>(Payload.ToMemory().Span, GovernanceJson.Options)
        ?? throw new InvalidOperationException($"Follow-up {Type} '{Id}' has a JSON null payload.");

    /// <summary>Throws <see cref="ArgumentException"/> for a follow-up that could not be recorded (a bug in the caller).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Type) || Type.Length > MaxTypeLength || Type.Any(char.IsControl))
        {
            throw new ArgumentException($"Follow-up type must be 1 to {MaxTypeLength} printable characters.", nameof(Type));
        }

        if (string.IsNullOrWhiteSpace(Id) || Id.Length > MaxIdLength || Id.Any(char.IsControl))
        {
            throw new ArgumentException($"Follow-up id must be 1 to {MaxIdLength} printable characters.", nameof(Id));
        }
    }
}

/// <summary>Runs follow-ups of one <see cref="Type"/>. Must be idempotent by <see cref="FollowUp.Id"/>; throws to be retried later.</summary>
public interface IFollowUpHandler
{
    string Type { get; }

    Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default);
}

/// <summary>Finds the handler of a follow-up's type among those registered (one per type).</summary>
public sealed class FollowUpDispatcher
{
    private readonly Dictionary<string, IFollowUpHandler> _handlers;

    public FollowUpDispatcher(IEnumerable<IFollowUpHandler> handlers)
    {
        _handlers = new Dictionary<string, IFollowUpHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Type, handler))
            {
                throw new InvalidOperationException($"Two follow-up handlers are registered for type '{handler.Type}'.");
            }
        }
    }

    public bool Handles(string type) => _handlers.ContainsKey(type);

    public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
        => _handlers.TryGetValue(followUp.Type, out var handler)
            ? handler.RunAsync(followUp, cancellationToken)
            : throw new InvalidOperationException($"No follow-up handler is registered for type '{followUp.Type}'.");
}
