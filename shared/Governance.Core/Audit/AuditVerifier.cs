using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Audit;

/// <summary>
/// Incremental verification from each chain's checkpoint (the last verified sequence and hash). One pass reads
/// the directory, the checkpoints, the latest anchor and every chain head (one request each, or one per chain),
/// then walks each chain from its checkpoint towards its head, at most <c>max / chains</c> entries per chain; a
/// pass without a break moves the checkpoints forward. So a request costs what was appended since the last
/// checkpoint (capped by <see cref="AuditOptions.VerifyMaxEntriesPerRequest"/>) plus a few reads per chain,
/// whatever the size of the log; <see cref="AuditAnchorWriter.AdvanceCheckpointsAsync"/> (checkpoint timer, anchor
/// run) keeps the backlog small.
/// <para>
/// A chain whose head still equals its checkpoint costs just its head read. Per chain it also checks the latest
/// anchor: a chain shorter than its anchored head, a chain the anchor lists but the directory does not, and the
/// entry at the anchored position against the anchored hash (one point read when that position lies below the
/// checkpoint and is not the head); and, after a walk to the head, that no entry lies beyond the head. What it
/// does not re-read are entries below the checkpoint: an edit there is found by the full re-verification
/// (<see cref="AuditFullVerification"/>), and by this check too when the attacker rehashed the chain through an
/// anchored position or (without also forging the checkpoint row) through the checkpointed entry.
/// </para>
/// </summary>
public sealed class AuditVerifier(AuditStore store, IAuditAnchorStore anchors, IOptions<AuditOptions> options, ILogger<AuditVerifier> logger)
{
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
        => VerifyAsync(options.Value.VerifyMaxEntriesPerRequest, cancellationToken);

    public async Task<AuditVerification> VerifyAsync(int maxEntries, CancellationToken cancellationToken)
    {
        // Anchor first, then directory, checkpoints and heads: appends racing with the pass lie beyond the heads read.
        var latest = await anchors.ReadLatestAsync(cancellationToken);
        var anchored = (latest?.Heads ?? []).ToDictionary(h => h.Chain, StringComparer.Ordinal);
        var chains = await store.ReadChainsAsync(cancellationToken);
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        var heads = await store.ReadHeadsAsync(chains, cancellationToken);
        var share = Math.Max(1, maxEntries / Math.Max(1, chains.Count));

        var results = new ChainResult[chains.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chains.Count),
            new ParallelOptions { MaxDegreeOfParallelism = AuditStore.ReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await VerifyChainAsync(heads[i], checkpoints.GetValueOrDefault(chains[i]), anchored.GetValueOrDefault(chains[i]), share, ct));

        var breaks = results.Where(r => r.Break is not null).Select(r => r.Break!)
            .Concat(anchored.Values.Where(h => !chains.Contains(h.Chain, StringComparer.Ordinal)).Select(MissingFromDirectory))
            .OrderBy(b => b.Chain, StringComparer.Ordinal)
            .ToList();
        if (breaks.Count > 0)
        {
            logger.LogWarning("Audit chain {Chain} failed verification at {Position}: {Reason}", breaks[0].Chain, breaks[0].Position, breaks[0].Reason);
            return AuditVerification.Broken(breaks[0]);
        }

        await Parallel.ForEachAsync(
            results,
            new ParallelOptions { MaxDegreeOfParallelism = AuditStore.ReadConcurrency, CancellationToken = cancellationToken },
            async (r, ct) => await store.AdvanceCheckpointAsync(r.Head.Chain, r.Reached.Sequence, r.Reached.Hash, r.Checkpoint, ct));
        var verified = AuditHead.Of([.. results.Select(r => new AuditChainHead(r.Head.Chain, r.Reached.Sequence, r.Reached.Hash))]);
        return new AuditVerification(true, verified.Sequence, verified.Hash)
        {
            UnverifiedEntries = results.Sum(r => r.Head.Sequence - r.Reached.Sequence),
        };
    }

    private async Task<ChainResult> VerifyChainAsync(StoredHead head, StoredCheckpoint? checkpoint, AuditChainHead? anchor, int share, CancellationToken cancellationToken)
    {
        var chain = head.Chain;
        var from = checkpoint is null ? AuditChainPoint.Start : new AuditChainPoint(checkpoint.Sequence, checkpoint.Hash);
        ChainResult Broken(long position, string reason) => new(head, checkpoint, from, new AuditChainBreak(chain, position, reason, head.Hash));

        if (anchor is not null && anchor.Sequence > head.Sequence)
        {
            return Broken(head.Sequence + 1, $"an anchor records entry {anchor.Sequence} of chain {chain}, but the chain ends at {head.Sequence}.");
        }

        if (from.Sequence > head.Sequence)
        {
            return Broken(head.Sequence + 1, $"entry {from.Sequence} of chain {chain} was verified, but the chain ends at {head.Sequence}.");
        }

        // Nothing appended since the last verification: nothing to walk.
        if (checkpoint is not null && head.Sequence == from.Sequence && string.Equals(head.Hash, from.Hash, StringComparison.Ordinal))
        {
            var differs = anchor is null || anchor.Sequence == 0 || (anchor.Sequence == head.Sequence && string.Equals(anchor.Hash, head.Hash, StringComparison.Ordinal))
                ? null
                : await AuditChainWalk.DiffersFromAnchorAsync(store, anchor, cancellationToken);
            return new ChainResult(head, checkpoint, from, differs);
        }

        var to = Math.Min(head.Sequence, from.Sequence + share);
        var anchoredHere = anchor is not null && anchor.Sequence >= from.Sequence && anchor.Sequence <= to
            ? new Dictionary<long, string> { [anchor.Sequence] = anchor.Hash }
            : [];
        var walk = await AuditChainWalk.WalkAsync(store, chain, from, to, anchoredHere, cancellationToken);
        var broken = walk.Break;
        if (broken is null && anchor is not null && anchor.Sequence > 0 && anchor.Sequence < from.Sequence)
        {
            broken = await AuditChainWalk.DiffersFromAnchorAsync(store, anchor, cancellationToken);
        }

        if (broken is null && walk.Reached.Sequence == head.Sequence)
        {
            broken = await AuditChainWalk.CheckHeadAsync(store, head, walk.Reached, cancellationToken);
        }

        return new ChainResult(head, checkpoint, walk.Reached, broken);
    }

    private static AuditChainBreak MissingFromDirectory(AuditChainHead anchored)
        => new(anchored.Chain, 1, $"an anchor records entry {anchored.Sequence} of chain {anchored.Chain}, which the chain directory does not list.", AuditHashing.GenesisHash);

    private sealed record ChainResult(StoredHead Head, StoredCheckpoint? Checkpoint, AuditChainPoint Reached, AuditChainBreak? Break);
}
