namespace Governance.Core.Audit;

/// <summary>Where head hashes are anchored outside the audit table.</summary>
public interface IAuditAnchorStore
{
    Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default);

    /// <summary>Every anchor, oldest first.</summary>
    IAsyncEnumerable<AuditAnchor> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest anchor, or null before the first. Stores override this to avoid reading every anchor.</summary>
    async Task<AuditAnchor?> ReadLatestAsync(CancellationToken cancellationToken = default)
    {
        AuditAnchor? latest = null;
        await foreach (var anchor in ReadAllAsync(cancellationToken))
        {
            latest = anchor;
        }

        return latest;
    }
}
