using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>Body of <c>POST /api/claims/{claimId}/decision</c>.</summary>
public sealed record ReviewDecisionRequest(string? Decision, MoneyInput? Amount, string? Reason);

/// <summary>
/// A reviewer's decision on a claim under review (<see cref="Claim.Review"/>): the same decision again returns the
/// claim; a different one is a 409 naming the decision recorded.
/// </summary>
public sealed class ClaimDecisions(AggregateStore<Claim> store, ClaimQueries queries, IPolicyProfileProvider profiles, TimeProvider time)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const int MaxReasonLength = 2000;

    public async Task<ClaimView> DecideAsync(string claimId, ReviewDecisionRequest request, AuditActor reviewer, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Required("reason", request.Reason).MaxLength("reason", request.Reason, MaxReasonLength)
            .NoControlCharacters("reason", request.Reason, allowLineBreaks: true);
        if (request.Decision is not (Approve or Reject))
        {
            errors.Add("decision", $"must be '{Approve}' or '{Reject}'.");
        }

        if (request.Amount is not null)
        {
            if (request.Decision == Reject)
            {
                errors.Add("amount", "is only for approvals.");
            }

            ClaimWebhookValidator.Money(errors, "amount", request.Amount);
        }

        errors.ThrowIfAny();
        if (!ClaimKeys.IsClaimId(claimId))
        {
            throw ClaimQueries.NotFound(claimId);
        }

        var decision = new ReviewerDecision(request.Decision == Approve, request.Amount, request.Reason!.Trim());
        var stored = await store.UpdateAsync(claimId, c => c.Review(decision, profiles.Current, reviewer, time.GetUtcNow()), () => ClaimQueries.NotFound(claimId), cancellationToken);
        return await queries.ViewAsync(stored.State, cancellationToken);
    }
}
