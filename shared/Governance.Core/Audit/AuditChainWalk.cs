namespace Governance.Core.Audit;

/// <summary>A verified point of a chain: entry <see cref="Sequence"/> has <see cref="Hash"/> (0 and the genesis hash before the first).</summary>
public sealed record AuditChainPoint(long Sequence, string Hash)
{
    public static AuditChainPoint Start { get; } = new(0, AuditHashing.GenesisHash);
}

/// <summary>How far a walk got: the last intact point, and the break when it stopped at one.</summary>
public sealed record AuditWalkResult(AuditChainPoint Reached, AuditChainBreak? Break);

/// <summary>
/// Walks one stretch of one chain, the check both verifications share. From a verified point (sequence s, hash
/// h) it first re-reads entry s (unless s is 0) and checks it still has hash h and still matches its hash, then
/// reads entries s+1 … <c>to</c> in one range query and checks that each is present at its position, names its
/// chain, links to its predecessor's hash, matches its own hash and equals any anchored hash at its position.
/// At the verified point the anchor comparison comes first, so a rewritten and rehashed history is reported as
/// differing from its anchor rather than from the checkpoint (which sits in the same table as the entries).
/// </summary>
public static class AuditChainWalk
{
    public static async Task<AuditWalkResult> WalkAsync(
        AuditStore store,
        string chain,
        AuditChainPoint from,
        long to,
        IReadOnlyDictionary<long, string> anchored,
        CancellationToken cancellationToken)
    {
        var previous = from;
        var expected = from.Sequence == 0 ? 1 : from.Sequence;
        if (to < expected)
        {
            return new AuditWalkResult(from, null);
        }

        await foreach (var row in store.EntryRowsAsync(chain, expected, to, cancellationToken))
        {
            if (row.RowKey != AuditKeys.EntryRowKey(expected))
            {
                break; // entry `expected` is missing; reported below
            }

            var entry = AuditRows.TryFromRow(row);
            string? problem;
            if (entry is null)
            {
                problem = $"entry {expected} of chain {chain} cannot be read.";
            }
            else if (expected == from.Sequence)
            {
                problem = CheckVerified(chain, entry, from, anchored);
                if (problem is null)
                {
                    expected++;
                    continue;
                }

                // The entry last verified changed: the break is at it, after the entry before it.
                return new AuditWalkResult(new AuditChainPoint(expected - 1, entry.PreviousHash), new AuditChainBreak(chain, expected, problem, entry.PreviousHash));
            }
            else
            {
                problem = Check(chain, expected, entry, previous.Hash, anchored);
            }

            if (problem is not null)
            {
                return Broken(chain, previous, expected, problem);
            }

            previous = new AuditChainPoint(expected, entry!.Hash);
            expected++;
        }

        return expected > to ? new AuditWalkResult(previous, null) : Broken(chain, previous, expected, $"entry {expected} of chain {chain} is missing.");
    }

    private static AuditWalkResult Broken(string chain, AuditChainPoint previous, long position, string reason)
        => new(previous, new AuditChainBreak(chain, position, reason, previous.Hash));

    private static string? Check(string chain, long expected, AuditEntry entry, string previousHash, IReadOnlyDictionary<long, string> anchored)
    {
        if (entry.Sequence != expected)
        {
            return $"entry {expected} of chain {chain} is missing.";
        }

        if (!string.Equals(entry.Chain, chain, StringComparison.Ordinal))
        {
            return $"entry {expected} of chain {chain} names chain '{entry.Chain}'.";
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return $"entry {expected} of chain {chain} does not link to entry {expected - 1}.";
        }

        if (!string.Equals(AuditHashing.ComputeHash(previousHash, entry), entry.Hash, StringComparison.Ordinal))
        {
            return $"entry {expected} of chain {chain} does not match its hash.";
        }

        return anchored.TryGetValue(expected, out var anchor) && !string.Equals(anchor, entry.Hash, StringComparison.Ordinal)
            ? $"entry {expected} of chain {chain} differs from the anchored hash."
            : null;
    }

    /// <summary>The entry at an anchored position, read on its own: a break unless it still has the anchored hash and matches it.</summary>
    public static async Task<AuditChainBreak?> DiffersFromAnchorAsync(AuditStore store, AuditChainHead anchor, CancellationToken cancellationToken)
    {
        var row = await store.ReadRowAsync(anchor.Chain, AuditKeys.EntryRowKey(anchor.Sequence), cancellationToken);
        var entry = row is null ? null : AuditRows.TryFromRow(row);
        var problem = entry is null ? $"entry {anchor.Sequence} of chain {anchor.Chain} is missing or cannot be read."
            : !string.Equals(entry.Hash, anchor.Hash, StringComparison.Ordinal) ? $"entry {anchor.Sequence} of chain {anchor.Chain} differs from the anchored hash."
            : !string.Equals(AuditHashing.ComputeHash(entry.PreviousHash, entry), entry.Hash, StringComparison.Ordinal) ? $"entry {anchor.Sequence} of chain {anchor.Chain} does not match its hash."
            : null;
        return problem is null ? null : new AuditChainBreak(anchor.Chain, anchor.Sequence, problem, entry?.PreviousHash ?? AuditHashing.GenesisHash);
    }

    /// <summary>
    /// After a walk reached the head: the head row must name the last entry, and no entry may lie beyond it (a
    /// deleted or rolled-back head row). An entry beyond it may also be an append that committed after the head was
    /// read, so the head is read again before that counts as a break (entry and head commit together).
    /// </summary>
    public static async Task<AuditChainBreak?> CheckHeadAsync(AuditStore store, StoredHead head, AuditChainPoint reached, CancellationToken cancellationToken)
    {
        var chain = head.Chain;
        if (!string.Equals(head.Hash, reached.Hash, StringComparison.Ordinal))
        {
            return new AuditChainBreak(chain, head.Sequence + 1, $"the head of chain {chain} (entry {head.Sequence}) does not match its last entry.", reached.Hash);
        }

        if (await store.ReadRowAsync(chain, AuditKeys.EntryRowKey(head.Sequence + 1), cancellationToken) is not null
            && (await store.ReadHeadAsync(chain, cancellationToken)).Sequence <= head.Sequence)
        {
            return new AuditChainBreak(chain, head.Sequence + 1, $"entry {head.Sequence + 1} of chain {chain} lies beyond the chain's head (entry {head.Sequence}).", reached.Hash);
        }

        return null;
    }

    /// <summary>Re-checks the entry at a verified point: its anchor, the verified hash, and its own hash.</summary>
    private static string? CheckVerified(string chain, AuditEntry entry, AuditChainPoint verified, IReadOnlyDictionary<long, string> anchored)
    {
        if (entry.Sequence != verified.Sequence || !string.Equals(entry.Chain, chain, StringComparison.Ordinal))
        {
            return $"entry {verified.Sequence} of chain {chain} is missing.";
        }

        if (anchored.TryGetValue(verified.Sequence, out var anchorHash) && !string.Equals(anchorHash, entry.Hash, StringComparison.Ordinal))
        {
            return $"entry {verified.Sequence} of chain {chain} differs from the anchored hash.";
        }

        if (!string.Equals(entry.Hash, verified.Hash, StringComparison.Ordinal))
        {
            return $"entry {verified.Sequence} of chain {chain} differs from its verified checkpoint.";
        }

        return string.Equals(AuditHashing.ComputeHash(entry.PreviousHash, entry), entry.Hash, StringComparison.Ordinal)
            ? null
            : $"entry {verified.Sequence} of chain {chain} does not match its hash.";
    }
}
