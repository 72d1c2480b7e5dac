using Governance.Core.Idempotency;

namespace Governance.Core.Retention;

/// <summary>The daily clean-up of data past its retention. Each part is safe to run twice or at once on two instances.</summary>
public sealed class RetentionCleanup(IdempotencyRetention idempotency)
{
    public async Task<RetentionCleanupResult> RunAsync(CancellationToken cancellationToken = default)
        => new(await idempotency.PurgeExpiredAsync(cancellationToken));
}

public sealed record RetentionCleanupResult(RetentionResult IdempotencyKeys);
