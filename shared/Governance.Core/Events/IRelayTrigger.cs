namespace Governance.Core.Events;

/// <summary>Asks the relay to work on one aggregate partition soon (the outbox's post-commit nudge).</summary>
public interface IRelayTrigger
{
    Task RequestAsync(RelayRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The message on the relay queue: which aggregate partition has new events.</summary>
public sealed record RelayRequest(string Table, string PartitionKey);
