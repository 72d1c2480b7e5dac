using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Audit;

/// <summary>The storage queue named by <c>AuditVerificationQueue</c>; the <c>AuditFullVerification</c> function reads it.</summary>
public sealed class StorageQueueAuditVerificationQueue(QueueServiceClient queues, IConfiguration configuration) : IAuditVerificationQueue
{
    public const string QueueSetting = "AuditVerificationQueue";

    private readonly QueueClient _queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting));

    public Task EnqueueAsync(AuditVerificationMessage message, CancellationToken cancellationToken = default)
        => _queue.SendMessageAsync(JsonSerializer.Serialize(message, GovernanceJson.Options), cancellationToken);
}
