using Governance.Core.Audit;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Carries out what a stored claim state implies and may not have happened yet (<see cref="ClaimEntity.PendingWork"/>):
/// appends its pending audit entries, makes its ledger postings (idempotent by posting id), publishes its
/// events and sends its developer notifications, then clears the marker with an ETag-conditioned update.
/// Runs after every change, on every retry and from the sweep, so a crash at any point is completed later.
/// </summary>
public sealed class ClaimFollowUp(
    ClaimStore store,
    ILedger ledger,
    IClaimEvents events,
    ClaimNotifier notifier,
    IAuditLog audit,
    IPolicyProfileProvider profiles,
    TimeProvider time,
    ILogger<ClaimFollowUp> logger)
{
    private const int MaxAttempts = 8;

    /// <param name="fresh">
    /// True right after the caller itself wrote the row: its pending audit entries cannot have been appended yet.
    /// Otherwise (a retry, a replay, the sweep) entries already in the log are looked up and not appended again.
    /// </param>
    public async Task<ClaimEntity> RunAsync(ClaimEntity claim, CancellationToken cancellationToken = default, bool fresh = false)
    {
        var appended = fresh || !claim.PendingWork || ClaimTransitions.GetPendingAudits(claim).Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : await LoggedAuditIdsAsync(claim.ClaimId, cancellationToken);
        var published = new HashSet<string>(StringComparer.Ordinal);
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

            await PublishEventsAsync(claim, published, cancellationToken);
            await NotifyAsync(claim, published, cancellationToken);

            ClaimTransitions.SetPendingAudits(claim, []);
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
                claim.PrepaidEventPublished |= published.Contains(ClaimEvent.CompensationPrepaid);
                claim.RecoveredEventPublished |= published.Contains(ClaimEvent.CompensationRecovered);
                claim.RecourseOpenedNotified |= published.Contains(ClaimNotifier.RecourseOpened);
                claim.RecourseOverdueNotified |= published.Contains(ClaimNotifier.RecourseOverdue);
            }
        }

        logger.LogWarning("Claim {ClaimId}: follow-up kept racing with other changes; the sweep will finish it.", claim.ClaimId);
        return claim;
    }

    private async Task<HashSet<string>> LoggedAuditIdsAsync(string claimId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var page = await audit.QueryAsync(new AuditQuery(null, null, ClaimTransitions.Resource(claimId), continuation, 1000), cancellationToken);
            foreach (var entry in page.Entries)
            {
                if (entry.Details.TryGetValue(PendingAudit.IdDetail, out var id))
                {
                    ids.Add(id);
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return ids;
    }

    private async Task PublishEventsAsync(ClaimEntity claim, HashSet<string> published, CancellationToken cancellationToken)
    {
        var status = claim.GetStatus();
        if (ClaimStateMachine.IsApprovedOrLater(status) && !claim.PrepaidEventPublished && claim.ApprovedAmount is { } approved)
        {
            await events.PublishAsync(new ClaimEvent(claim.ClaimId, ClaimEvent.CompensationPrepaid, claim.ClaimId, claim.DecidedAt ?? time.GetUtcNow(), new
            {
                claimId = claim.ClaimId,
                userId = claim.UserId,
                appId = claim.AppId,
                amount = new { amount = approved, currency = claim.Currency },
                approvedAt = claim.DecidedAt,
                rule = claim.Rule,
                profile = profiles.Current.Id,
            }), cancellationToken);
            claim.PrepaidEventPublished = true;
            published.Add(ClaimEvent.CompensationPrepaid);
        }

        if (status == ClaimStatus.Recovered && !claim.RecoveredEventPublished)
        {
            var recoveries = claim.GetRecoveries();
            await events.PublishAsync(new ClaimEvent(claim.ClaimId + ":recovered", ClaimEvent.CompensationRecovered, claim.ClaimId, claim.RecoveredAt ?? time.GetUtcNow(), new
            {
                claimId = claim.ClaimId,
                appId = claim.AppId,
                amount = new { amount = claim.RecoveredAmount, currency = claim.Currency },
                settlementReference = recoveries.Count > 0 ? recoveries[^1].Reference : null,
                recoveredAt = claim.RecoveredAt,
            }), cancellationToken);
            claim.RecoveredEventPublished = true;
            published.Add(ClaimEvent.CompensationRecovered);
        }
    }

    private async Task NotifyAsync(ClaimEntity claim, HashSet<string> published, CancellationToken cancellationToken)
    {
        if (claim.RecourseOpenedAt is { } opened && !claim.RecourseOpenedNotified)
        {
            await notifier.NotifyDeveloperAsync(claim, ClaimNotifier.RecourseOpened, opened, cancellationToken);
            claim.RecourseOpenedNotified = true;
            published.Add(ClaimNotifier.RecourseOpened);
        }

        if (claim.RecourseOverdueAt is { } overdue && !claim.RecourseOverdueNotified)
        {
            await notifier.NotifyDeveloperAsync(claim, ClaimNotifier.RecourseOverdue, overdue, cancellationToken);
            claim.RecourseOverdueNotified = true;
            published.Add(ClaimNotifier.RecourseOverdue);
        }
    }
}
