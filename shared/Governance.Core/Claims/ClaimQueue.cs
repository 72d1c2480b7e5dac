using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Claims;

/// <summary>The message that asks the processor to decide a claim.</summary>
public sealed record ClaimMessage(string ClaimId);

public interface IClaimQueue
{
    Task EnqueueAsync(string claimId, CancellationToken cancellationToken = default);
}

/// <summary>Sends to <c>%ClaimsQueue%</c> with the DI client (base64, as the trigger expects).</summary>
public sealed class StorageClaimQueue(QueueServiceClient queues, IConfiguration configuration) : IClaimQueue
{
    public const string QueueSetting = "ClaimsQueue";

    private readonly QueueClient _queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting));

    public async Task EnqueueAsync(string claimId, CancellationToken cancellationToken = default)
        => await _queue.SendMessageAsync(JsonSerializer.Serialize(new ClaimMessage(claimId), GovernanceJson.Options), cancellationToken);
}
