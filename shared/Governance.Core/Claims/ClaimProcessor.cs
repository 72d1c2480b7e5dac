using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>The message that asks the processor to decide a claim (a follow-up of its filing).</summary>
public sealed record ClaimMessage(string ClaimId);

/// <summary>
/// Decides a received claim with the active profile's rules (queue-triggered): gathers the facts (the app, the user's
/// claims in the window from the index), then <see cref="Claim.Assess"/> commits the decision with all it owes. A
/// message for a claim already assessed changes nothing, so duplicate messages are harmless.
/// </summary>
public sealed class ClaimProcessor(
    AggregateStore<Claim> store,
    IAppDirectory apps,
    ClaimIndexReader index,
    IPolicyProfileProvider profiles,
    TimeProvider time,
    ILogger<ClaimProcessor> logger)
{
    public const string QueueSetting = "ClaimsQueue";
    public static readonly AuditActor Actor = AuditActor.System("claims-processor");

    public async Task ProcessAsync(string claimId, CancellationToken cancellationToken = default)
    {
        var stored = await store.FindAsync(claimId, cancellationToken);
        if (stored?.State is not { Status: ClaimStatus.Received } claim)
        {
            // Not retryable: a message for a claim that does not exist can never succeed; one assessed already has done its work.
            if (stored is null)
            {
                logger.LogWarning("Claim message for unknown claim {ClaimId} ignored.", claimId);
            }

            return;
        }

        var profile = profiles.Current;
        var app = await apps.FindAsync(claim.Filing.AppId, cancellationToken);
        var recent = await index.CountForUserSinceAsync(claim.Filing.UserId, claim.ReceivedAt.AddDays(-30), claimId, profile.Thresholds.Claims.UserClaimLimitPer30Days, cancellationToken);
        var facts = new ClaimFacts(claim.Filing.Claimed, claim.Filing.OccurredAt, claim.ReceivedAt, claim.Filing.Evidence.Count, app is not null, recent);
        var decision = ClaimRules.Evaluate(facts, profile);
        await store.UpdateAsync(claimId, c => c.Assess(decision, Actor, time.GetUtcNow()), () => ClaimQueries.NotFound(claimId), cancellationToken);
    }
}
