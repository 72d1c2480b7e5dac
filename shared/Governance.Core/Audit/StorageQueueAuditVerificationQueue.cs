using Governance.Core.Storage;

namespace Governance.Core.Audit;

/// <summary>The storage queue named by <c>AuditVerificationQueue</c>; the <c>AuditFullVerification</c> function reads it.</summary>
public sealed class StorageQueueAuditVerificationQueue(QueueSender sender) : IAuditVerificationQueue
{
    public const string QueueSetting = "AuditVerificationQueue";

    public Task EnqueueAsync(AuditVerificationMessage message, CancellationToken cancellationToken = default)
        => sender.SendJsonAsync(QueueSetting, message, cancellationToken: cancellationToken);
}
