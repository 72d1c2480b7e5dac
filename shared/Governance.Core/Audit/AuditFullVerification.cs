using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Audit;

/// <summary>
/// The full re-verification: walks every entry of every chain from its first, against every anchor ever written,
/// as a queued job, in slices of <see cref="AuditOptions.FullVerificationSliceEntries"/> entries (one queue message
/// each), saving where it stands in one row after each slice. It covers the chains in the directory when it
/// starts; when it has walked them it also checks that every anchored chain is in the directory and (one scan
/// for head rows) that no chain with entries is missing from it. A valid walk moves each chain's checkpoint up to
/// the head it verified. Its result is reported by <c>GET /api/audit/verify</c> as <c>fullVerification</c>.
/// <para>
/// Idempotent: starting while a job is queued or running answers that job; slices are tied to their job id and
/// save their progress If-Match the row's ETag, so a duplicate or stale message loses that race and stops. A job
/// that made no progress for <see cref="StaleAfter"/> (its messages failed into the poison queue, or a crash
/// came between saving the job and queueing it) is replaced by the next start.
/// </para>
/// </summary>
public sealed class AuditFullVerification(
    AuditStore store,
    IAuditAnchorStore anchors,
    IAuditVerificationQueue queue,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditFullVerification> logger)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public async Task<AuditFullVerificationStatus?> GetStatusAsync(CancellationToken cancellationToken = default)
        => (await ReadAsync(cancellationToken))?.Status;

    /// <summary>Starts a job unless one is queued or running; answers the job that runs and whether this call started it.</summary>
    public async Task<(AuditFullVerificationStatus Status, bool Started)> StartAsync(string requestedBy, CancellationToken cancellationToken = default)
    {
        var current = await ReadAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (current is not null && current.Status.Status != AuditFullVerificationStatus.Completed && now - current.Status.UpdatedAt < StaleAfter)
        {
            return (current.Status, false);
        }

        var chains = await store.ReadChainsAsync(cancellationToken);
        var status = new AuditFullVerificationStatus(Guid.NewGuid().ToString("N"), AuditFullVerificationStatus.Queued, now)
        {
            RequestedBy = requestedBy,
            UpdatedAt = now,
            Chains = chains.Count,
        };
        var job = new AuditFullVerificationState(status, chains, AuditChainPoint.Start, [], null);
        try
        {
            if (current?.ETag is { } etag)
            {
                await store.Chains.UpdateEntityAsync(job.ToRow(), etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await store.Chains.AddEntityAsync(job.ToRow(), cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another start won the race: its job is the one that runs.
            var winner = await ReadAsync(cancellationToken) ?? throw new InvalidOperationException("The full verification job row vanished.", ex);
            return (winner.Status, false);
        }

        // Saved before queued: a message for a job not saved yet would be dropped as stale.
        await queue.EnqueueAsync(new AuditVerificationMessage(status.JobId), cancellationToken);
        logger.LogInformation("Full audit verification {JobId} queued by {RequestedBy} over {Chains} chains.", status.JobId, requestedBy, chains.Count);
        return (status, true);
    }

    /// <summary>Runs the next slice of job <paramref name="jobId"/>; does nothing for another or a finished job.</summary>
    public async Task RunSliceAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await ReadAsync(cancellationToken);
        if (job is null || job.Status.JobId != jobId || job.Status.Status == AuditFullVerificationStatus.Completed)
        {
            logger.LogInformation("Full audit verification message for {JobId} is stale; dropped.", jobId);
            return;
        }

        var status = job.Status with { Status = AuditFullVerificationStatus.Running, StartedAt = job.Status.StartedAt ?? time.GetUtcNow() };
        var anchoredByChain = await AnchoredAsync(cancellationToken);
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        var chainIndex = job.ChainIndex;
        var position = job.Position;
        var verified = job.VerifiedHeads.ToList();
        var entries = status.Entries;
        var budget = (long)options.Value.FullVerificationSliceEntries;
        AuditChainBreak? broken = null;
        while (broken is null && chainIndex < job.ChainList.Count && budget > 0)
        {
            var chain = job.ChainList[chainIndex];
            var head = await store.ReadHeadAsync(chain, cancellationToken);
            var anchored = anchoredByChain.GetValueOrDefault(chain) ?? [];
            if (anchored.Count > 0 && anchored.Keys.Max() is var longest && longest > head.Sequence)
            {
                broken = new AuditChainBreak(chain, head.Sequence + 1, $"an anchor records entry {longest} of chain {chain}, but the chain ends at {head.Sequence}.", head.Hash);
                break;
            }

            var walk = await AuditChainWalk.WalkAsync(store, chain, position, Math.Min(head.Sequence, position.Sequence + budget), anchored, cancellationToken);
            budget -= walk.Reached.Sequence - position.Sequence;
            entries += walk.Reached.Sequence - position.Sequence;
            position = walk.Reached;
            broken = walk.Break;
            if (broken is null && position.Sequence == head.Sequence)
            {
                broken = await AuditChainWalk.CheckHeadAsync(store, head, position, cancellationToken);
                if (broken is null)
                {
                    await store.AdvanceCheckpointAsync(chain, position.Sequence, position.Hash, checkpoints.GetValueOrDefault(chain), cancellationToken);
                    verified.Add(new AuditChainHead(chain, position.Sequence, position.Hash));
                    chainIndex++;
                    position = AuditChainPoint.Start;
                }
            }
        }

        var done = broken is not null || chainIndex == job.ChainList.Count;
        if (broken is null && done)
        {
            broken = await FindUnlistedChainAsync(anchoredByChain.Keys, cancellationToken);
        }

        var now = time.GetUtcNow();
        status = status with { UpdatedAt = now, Entries = entries, ChainsVerified = chainIndex };
        if (done)
        {
            var root = AuditHead.Of(verified);
            status = status with
            {
                Status = AuditFullVerificationStatus.Completed,
                CompletedAt = now,
                Valid = broken is null,
                HeadHash = broken is null ? root.Hash : null,
                Chain = broken?.Chain,
                FirstBrokenPosition = broken?.Position,
                Reason = broken?.Reason,
            };
        }

        try
        {
            await store.Chains.UpdateEntityAsync(new AuditFullVerificationState(status, job.ChainList, position, verified, null).ToRow(), job.ETag!.Value, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            logger.LogInformation("Full audit verification {JobId}: another run saved first; this slice stops.", jobId);
            return;
        }

        if (!done)
        {
            await queue.EnqueueAsync(new AuditVerificationMessage(jobId), cancellationToken);
        }
        else if (broken is not null)
        {
            logger.LogWarning("Full audit verification {JobId}: chain {Chain} breaks at {Position}: {Reason}", jobId, broken.Chain, broken.Position, broken.Reason);
        }
    }

    /// <summary>A chain an anchor lists, or one that has a head row, that the directory does not list.</summary>
    private async Task<AuditChainBreak?> FindUnlistedChainAsync(IEnumerable<string> anchoredChains, CancellationToken cancellationToken)
    {
        var listed = (await store.ReadChainsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (anchoredChains.Where(c => !listed.Contains(c)).Order(StringComparer.Ordinal).FirstOrDefault() is { } anchoredOnly)
        {
            return new AuditChainBreak(anchoredOnly, 1, $"an anchor records chain {anchoredOnly}, which the chain directory does not list.", AuditHashing.GenesisHash);
        }

        await foreach (var chain in store.ScanChainsWithHeadsAsync(cancellationToken))
        {
            if (!listed.Contains(chain))
            {
                return new AuditChainBreak(chain, 1, $"chain {chain} has entries, but the chain directory does not list it.", AuditHashing.GenesisHash);
            }
        }

        return null;
    }

    /// <summary>Every anchored head, by chain and sequence (anchors written before chains existed carry no heads and are skipped).</summary>
    private async Task<Dictionary<string, Dictionary<long, string>>> AnchoredAsync(CancellationToken cancellationToken)
    {
        var byChain = new Dictionary<string, Dictionary<long, string>>(StringComparer.Ordinal);
        await foreach (var anchor in anchors.ReadAllAsync(cancellationToken))
        {
            foreach (var head in anchor.Heads ?? [])
            {
                if (!byChain.TryGetValue(head.Chain, out var positions))
                {
                    byChain[head.Chain] = positions = [];
                }

                positions[head.Sequence] = head.Hash;
            }
        }

        return byChain;
    }

    private async Task<AuditFullVerificationState?> ReadAsync(CancellationToken cancellationToken)
    {
        var row = await store.Chains.GetEntityIfExistsAsync<TableEntity>(AuditKeys.VerificationPartition, AuditFullVerificationState.RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? AuditFullVerificationState.FromRow(row.Value) : null;
    }
}
