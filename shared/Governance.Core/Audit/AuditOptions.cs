namespace Governance.Core.Audit;

/// <summary>Settings of the audit log (<c>Audit__*</c>), validated at start-up.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// Chains per duty (N): a resource's entries go to chain <c>{duty}.{hash(resource) mod N}</c>. Changing it
    /// starts using other chains; entries already written keep theirs (stored on each entry and in the directory).
    /// </summary>
    public int ChainShards { get; set; } = 8;

    /// <summary>Entries one <c>GET /api/audit/verify</c> walks at most beyond the checkpoints (plus one read per chain).</summary>
    public int VerifyMaxEntriesPerRequest { get; set; } = 5_000;

    /// <summary>Entries one queue message of the full re-verification walks before it queues the next slice.</summary>
    public int FullVerificationSliceEntries { get; set; } = 20_000;

    public IEnumerable<string> Problems()
    {
        if (ChainShards is < 1 or > 256)
        {
            yield return "Audit__ChainShards must be between 1 and 256.";
        }

        if (VerifyMaxEntriesPerRequest is < 100 or > 1_000_000)
        {
            yield return "Audit__VerifyMaxEntriesPerRequest must be between 100 and 1000000.";
        }

        if (FullVerificationSliceEntries is < 100 or > 1_000_000)
        {
            yield return "Audit__FullVerificationSliceEntries must be between 100 and 1000000.";
        }
    }
}
