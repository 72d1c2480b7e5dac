using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Finishes what a crash interrupted (timer <c>%ClaimsSweepSchedule%</c>): queues again the claims still
/// <c>received</c> after the grace period (stored, but the enqueue was lost), and completes the follow-up of
/// claims whose <see cref="ClaimEntity.PendingWork"/> is still set (postings, audit, notifications; the events
/// were committed with the claim's changes and the outbox relay publishes them).
/// Everything it triggers is idempotent, so overlapping sweeps or a sweep racing the processor are harmless.
/// </summary>
public sealed class ClaimSweeper(ClaimStore store, IClaimQueue queue, ClaimFollowUp followUp, IConfiguration configuration, TimeProvider time, ILogger<ClaimSweeper> logger)
{
    public const string GraceSetting = "Claims:SweepGraceSeconds";
    public const int DefaultGraceSeconds = 120;

    public TimeSpan Grace => TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(GraceSetting, DefaultGraceSeconds)));

    public async Task<(int Requeued, int Completed)> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - Grace;
        var requeued = 0;
        foreach (var claim in await store.InStatusAsync(ClaimStatus.Received, cancellationToken))
        {
            if (claim.UpdatedAt <= cutoff)
            {
                await queue.EnqueueAsync(claim.ClaimId, cancellationToken);
                requeued++;
            }
        }

        var completed = 0;
        foreach (var claim in await store.WithPendingWorkAsync(cancellationToken))
        {
            if (claim.UpdatedAt > cutoff || claim.GetStatus() == ClaimStatus.Received)
            {
                continue;
            }

            try
            {
                await followUp.RunAsync(claim, cancellationToken);
                completed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One claim's failure must not stop the sweep of the others.
                logger.LogError(ex, "Follow-up of claim {ClaimId} failed during the sweep.", claim.ClaimId);
            }
        }

        if (requeued + completed > 0)
        {
            logger.LogInformation("Claims sweep: {Requeued} claims queued again, {Completed} follow-ups completed.", requeued, completed);
        }

        return (requeued, completed);
    }
}
