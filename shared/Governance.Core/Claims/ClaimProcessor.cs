using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Claims;

/// <summary>
/// Decides a received claim with the active profile's rules (queue-triggered). The decision is stored first
/// (ETag-conditioned, so two deliveries of the message cannot both decide), together with the payout event an
/// approval causes (<see cref="ClaimEvents"/>, through the outbox), then <see cref="ClaimFollowUp"/> posts and
/// audits what it implies. A message for a claim already decided only completes that follow-up,
/// so a retry after a crash at any point finishes the work without doing any of it twice.
/// </summary>
public sealed class ClaimProcessor(
    ClaimStore store,
    IAppDirectory apps,
    ClaimFollowUp followUp,
    IPolicyProfileProvider profiles,
    TimeProvider time,
    ILogger<ClaimProcessor> logger)
{
    public static readonly AuditActor Actor = AuditActor.System("claims-processor");
    private const int MaxAttempts = 5;

    public async Task ProcessAsync(string claimId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var claim = await store.GetAsync(claimId, cancellationToken);
            if (claim is null)
            {
                // Not retryable: a message for a claim that does not exist can never succeed.
                logger.LogWarning("Claim message for unknown claim {ClaimId} ignored.", claimId);
                return;
            }

            if (claim.GetStatus() == ClaimStatus.Received)
            {
                var decision = await DecideAsync(claim, cancellationToken);
                Apply(claim, decision, Actor, time.GetUtcNow());
                try
                {
                    await store.UpdateAsync(claim, cancellationToken);
                }
                catch (ClaimChangedException)
                {
                    continue;
                }
            }

            await followUp.RunAsync(claim, cancellationToken);
            return;
        }

        throw new InvalidOperationException($"Claim '{claimId}' kept changing while it was being processed.");
    }

    public async Task<ClaimDecision> DecideAsync(ClaimEntity claim, CancellationToken cancellationToken)
    {
        var app = await apps.FindAsync(claim.AppId, cancellationToken);
        var recent = await store.CountForUserSinceAsync(claim.UserId, claim.ReceivedAt.AddDays(-30), claim.ClaimId, cancellationToken);
        var facts = new ClaimFacts(claim.Claimed, claim.OccurredAt, claim.ReceivedAt, claim.EvidenceCount, app is not null, recent);
        return ClaimRules.Evaluate(facts, profiles.Current);
    }

    /// <summary>Moves the claim to the decision's state and records the reason, the rule and (when approved) the amounts.</summary>
    public static void Apply(ClaimEntity claim, ClaimDecision decision, AuditActor actor, DateTimeOffset now)
    {
        var details = new Dictionary<string, string> { [ClaimStatusChanges.ReasonCodeDetail] = decision.ReasonCode, [ClaimStatusChanges.ReasonDetail] = decision.Reason };
        if (decision.ApprovedAmount is { } approved)
        {
            details["approvedAmount"] = $"{approved.Amount} {approved.Currency}";
            claim.ApprovedAmount = approved.Amount;
            claim.Outstanding = approved.Amount;
        }

        ClaimTransitions.Move(claim, decision.Outcome, actor, decision.RuleId, now, details);
        claim.ReasonCode = decision.ReasonCode;
        claim.Reason = decision.Reason;
        claim.Rule = decision.RuleId;
        if (decision.Outcome != ClaimStatus.UnderReview)
        {
            claim.DecidedAt = now;
            claim.DecidedBy = actor.Role is null ? $"{actor.Kind}:{actor.Id}" : $"{actor.Kind}:{actor.Id} ({actor.Role})";
        }
    }
}
