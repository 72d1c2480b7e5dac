using Governance.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Retention;

public sealed class RetentionCleanupFunction(RetentionCleanup cleanup)
{
    /// <summary>Deletes idempotency keys (and their response blobs) whose retention has passed.</summary>
    [Function("RetentionCleanup")]
    public Task Run([TimerTrigger("%RetentionCleanupSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => cleanup.RunAsync(cancellationToken);
}
