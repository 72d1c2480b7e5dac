namespace Governance.Core.Audit;

/// <summary>The append-only, hash-chained audit log every duty writes to (several chains, one combined root).</summary>
public interface IAuditLog
{
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The combined head of the log, cheaply (one read per chain): <see cref="AuditHead.Sequence"/> = entries over all
    /// chains, <see cref="AuditHead.Hash"/> = the Merkle root of the chain heads (<see cref="AuditMerkle"/>), equal to
    /// <c>headHash</c> of a verification that has caught up; 0 and the genesis hash for an empty log.
    /// </summary>
    Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default);
}
