using Governance.Core.Audit;
using Governance.Core.Ledger;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Carries out what a stored claim state implies and may not have happened yet (<see cref="ClaimEntity.PendingWork"/>):
/// appends its pending audit entries (at most once each, by record id), makes its ledger postings (idempotent by posting id; of its
/// recoveries, those recorded since the last run), sends its
/// developer notifications and queues its status webhooks (<see cref="ClaimStatusWebhooks"/>, when on), then clears the marker with an ETag-conditioned update. Runs after every change,
/// on every retry and from the sweep, so a crash at any point is completed later. Domain events are not its
/// business: they were recorded with the change itself (<see cref="ClaimEvents"/>) and the outbox relay publishes them.
/// </summary>
public sealed class ClaimFollowUp(
    ClaimStore store,
    ILedger ledger,
    ClaimNotifier notifier,
    ClaimStatusWebhooks statusWebhooks,
    IAuditLog audit,
    ILogger<ClaimFollowUp> logger)
{
    private const int MaxAttempts = 8;

    /// <remarks>
    /// Each pending audit entry is appended under its own record id (<see cref="PendingAudit.ToRecord"/>), so an
    /// entry an earlier run appended before it crashed is not appended again: the log answers with the entry it has.
    /// </remarks>
    public async Task<ClaimEntity> RunAsync(ClaimEntity claim, CancellationToken cancellationToken = default)
    {
        var appended = new HashSet<string>(StringComparer.Ordinal);
        var notified = new HashSet<string>(StringComparer.Ordinal);
        var statusesSent = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (!claim.PendingWork)
            {
                return claim;
            }

            foreach (var pending in ClaimTransitions.GetPendingAudits(claim).Where(a => !appended.Contains(a.Id)))
            {
                await audit.AppendAsync(pending.ToRecord(claim.ClaimId), cancellationToken);
                appended.Add(pending.Id);
            }

            foreach (var posting in ClaimPostings.For(claim))
            {
                await ledger.PostAsync(posting, cancellationToken);
            }

            await NotifyAsync(claim, notified, cancellationToken);
            await QueueStatusWebhooksAsync(claim, statusesSent, cancellationToken);

            ClaimTransitions.SetPendingAudits(claim, []);
            ClaimStatusChanges.SetPending(claim, []);
            ClaimRecoveries.SetPending(claim, []);
            claim.PendingWork = false;
            try
            {
                await store.UpdateAsync(claim, cancellationToken);
                return claim;
            }
            catch (ClaimChangedException)
            {
                // Someone changed the claim meanwhile; what this run did is remembered in the sets above.
                claim = await store.GetAsync(claim.ClaimId, cancellationToken)
                    ?? throw new InvalidOperationException($"Claim '{claim.ClaimId}' disappeared.");
                ClaimTransitions.SetPendingAudits(claim, ClaimTransitions.GetPendingAudits(claim).Where(a => !appended.Contains(a.Id)).ToList());
                ClaimStatusChanges.SetPending(claim, ClaimStatusChanges.Pending(claim).Where(c => !statusesSent.Contains(c.Status)).ToList());
                claim.RecourseOpenedNotified |= notified.Contains(ClaimNotifier.RecourseOpened);
                claim.RecourseOverdueNotified |= notified.Contains(ClaimNotifier.RecourseOverdue);
            }
        }

        logger.LogWarning("Claim {ClaimId}: follow-up kept racing with other changes; the sweep will finish it.", claim.ClaimId);
        return claim;
    }

    /// <summary>
    /// One webhook per recorded change, in the order of the changes. A crash before the marker is cleared queues
    /// them again on the next run, under the same delivery ids; when the feature is off they are dropped with the marker.
    /// </summary>
    private async Task QueueStatusWebhooksAsync(ClaimEntity claim, HashSet<string> sent, CancellationToken cancellationToken)
    {
        foreach (var change in ClaimStatusChanges.Pending(claim).Where(c => !sent.Contains(c.Status)))
        {
            await statusWebhooks.EnqueueAsync(claim, change, cancellationToken);
            sent.Add(change.Status);
        }
    }

    private async Task NotifyAsync(ClaimEntity claim, HashSet<string> notified, CancellationToken cancellationToken)
    {
        if (claim.RecourseOpenedAt is { } opened && !claim.RecourseOpenedNotified)
        {
            await notifier.NotifyDeveloperAsync(claim, ClaimNotifier.RecourseOpened, opened, cancellationToken);
            claim.RecourseOpenedNotified = true;
            notified.Add(ClaimNotifier.RecourseOpened);
        }

        if (claim.RecourseOverdueAt is { } overdue && !claim.RecourseOverdueNotified)
        {
            await notifier.NotifyDeveloperAsync(claim, ClaimNotifier.RecourseOverdue, overdue, cancellationToken);
            claim.RecourseOverdueNotified = true;
            notified.Add(ClaimNotifier.RecourseOverdue);
        }
    }
}
