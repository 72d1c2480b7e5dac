using Microsoft.Extensions.Logging;

namespace Governance.Core.Audit;

/// <summary>
/// The audit timers' work. <see cref="AdvanceCheckpointsAsync"/> (checkpoint timer) verifies what was appended
/// since the checkpoints, in bounded passes, so <c>GET /api/audit/verify</c> finds little left to walk.
/// <see cref="WriteAsync"/> (daily anchor timer) does the same, then appends the combined root of every chain
/// head, with the heads it covers, to the anchor store. Writing the same heads twice is harmless.
/// </summary>
public sealed class AuditAnchorWriter(IAuditLog log, IAuditAnchorStore store, TimeProvider time, ILogger<AuditAnchorWriter> logger)
{
    /// <summary>How long one run keeps verifying before it leaves the rest to the next run or request.</summary>
    public static readonly TimeSpan CatchUpBudget = TimeSpan.FromMinutes(4);

    public async Task<AuditVerification> AdvanceCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var result = await log.VerifyAsync(cancellationToken);
            if (!result.Valid)
            {
                logger.LogError("Audit chain {Chain} is broken at {Position}: {Reason}", result.Chain, result.FirstBrokenPosition, result.Reason);
                return result;
            }

            if (result.UnverifiedEntries == 0 || time.GetElapsedTime(started) > CatchUpBudget)
            {
                return result;
            }
        }
    }

    public async Task<AuditAnchor> WriteAsync(CancellationToken cancellationToken = default)
    {
        // A broken chain is logged (and reported by verify); its heads are still anchored, which hides nothing:
        // the break stays in the entries, and the anchor pins what the table held at this time.
        await AdvanceCheckpointsAsync(cancellationToken);
        var head = await log.GetHeadAsync(cancellationToken);
        var anchor = new AuditAnchor(head.Sequence, head.Hash, time.GetUtcNow()) { Heads = head.Heads };
        await store.AppendAsync(anchor, cancellationToken);
        logger.LogInformation("Anchored the audit root {Hash} over {Chains} chains and {Entries} entries.", anchor.Hash, head.Heads.Count, anchor.Sequence);
        return anchor;
    }
}
