namespace Governance.Core.Events;

/// <summary>
/// Sends one outbox event to the configured transport. Throws <see cref="EventPublishException"/> when the
/// transport refuses it; the relay retries transient failures and backs off on the rest.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken = default);
}

public sealed class EventPublishException(bool isTransient, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>True when the same send may succeed if tried again soon (throttling, timeouts, a busy server).</summary>
    public bool IsTransient { get; } = isTransient;
}
