using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Events;

/// <summary>Nudges the relay through the storage queue named by <c>OutboxRelayQueue</c>; the relay's queue function picks it up.</summary>
public sealed class QueueRelayTrigger(QueueServiceClient queues, IConfiguration configuration) : IRelayTrigger
{
    public const string QueueSetting = "OutboxRelayQueue";

    private readonly QueueClient _queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting));

    public Task RequestAsync(RelayRequest request, CancellationToken cancellationToken = default)
        => _queue.SendMessageAsync(JsonSerializer.Serialize(request, GovernanceJson.Options), cancellationToken);
}
