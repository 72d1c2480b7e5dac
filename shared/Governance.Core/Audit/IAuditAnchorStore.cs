namespace Governance.Core.Audit;

/// <summary>Where head hashes are anchored outside the audit table.</summary>
public interface IAuditAnchorStore
{
    Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default);

    IAsyncEnumerable<AuditAnchor> ReadAllAsync(CancellationToken cancellationToken = default);
}
