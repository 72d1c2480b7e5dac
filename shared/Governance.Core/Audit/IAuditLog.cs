namespace Governance.Core.Audit;

/// <summary>The append-only, hash-chained audit log every duty writes to.</summary>
public interface IAuditLog
{
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>The last entry's sequence and hash; sequence 0 and the genesis hash for an empty log.</summary>
    Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default);
}
