using Microsoft.Extensions.Logging;

namespace Governance.Core.Audit;

/// <summary>Writes the current head to the anchor store (daily timer). Writing the same head twice is harmless.</summary>
public sealed class AuditAnchorWriter(IAuditLog log, IAuditAnchorStore store, TimeProvider time, ILogger<AuditAnchorWriter> logger)
{
    public async Task<AuditAnchor> WriteAsync(CancellationToken cancellationToken = default)
    {
        var head = await log.GetHeadAsync(cancellationToken);
        var anchor = new AuditAnchor(head.Sequence, head.Hash, time.GetUtcNow());
        await store.AppendAsync(anchor, cancellationToken);
        logger.LogInformation("Anchored audit head {Sequence} ({Hash}).", anchor.Sequence, anchor.Hash);
        return anchor;
    }
}
