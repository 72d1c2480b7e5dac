using Governance.Core.Storage;

namespace Governance.Core.Events;

/// <summary>Nudges the relay through the storage queue named by <c>OutboxRelayQueue</c>; the relay's queue function picks it up.</summary>
public sealed class QueueRelayTrigger(QueueSender sender) : IRelayTrigger
{
    public const string QueueSetting = "OutboxRelayQueue";

    public Task RequestAsync(RelayRequest request, CancellationToken cancellationToken = default)
        => sender.SendJsonAsync(QueueSetting, request, cancellationToken: cancellationToken);
}
