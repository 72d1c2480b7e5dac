using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Validation;

namespace Governance.Core.Onboarding.Requests;

/// <summary>Body of <c>POST /api/onboarding/requests/{id}/decision</c>.</summary>
public sealed record OnboardingDecisionRequest(string? Decision, string? Reason);

/// <summary>
/// A reviewer's or operator's decision on a request, replacing the check's (audited with its reason):
/// <list type="bullet">
/// <item><c>approve</c> (from <c>changes_requested</c>, <c>rejected</c> or <c>error</c>): registers the app as the
/// check's approval would, then records the decision; an app that is suspended stays suspended (reinstating it is an
/// operator's act, <c>POST /api/apps/{appId}/reinstate</c>, because a reviewer cannot see why it was suspended).</item>
/// <item><c>reject</c> (from <c>approved</c>, <c>changes_requested</c> or <c>error</c>): records the decision; when
/// the request was approved, its app is suspended by a follow-up of that same commit (<c>governance.app.suspended</c>).</item>
/// <item>The decision the request already has is answered with the request, unchanged; a request whose check has not
/// finished (<c>pending</c>, <c>checking</c>) is a 409.</item>
/// </list>
/// Each decision publishes <c>governance.onboarding.decided</c> and the developer's webhook again.
/// </summary>
public sealed class OnboardingDecisions(AggregateStore<OnboardingRequest> store, OnboardingApps apps, OnboardingQueries queries, TimeProvider time)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const int MaxReasonLength = 2000;

    public async Task<OnboardingRequestView> DecideAsync(string requestId, OnboardingDecisionRequest body, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors()
            .Required("reason", body.Reason)
            .MaxLength("reason", body.Reason, MaxReasonLength)
            .NoControlCharacters("reason", body.Reason, allowLineBreaks: true);
        if (body.Decision is not (Approve or Reject))
        {
            errors.Add("decision", $"must be \"{Approve}\" or \"{Reject}\".");
        }

        errors.ThrowIfAny();
        var request = await queries.FindAsync(requestId, cancellationToken) ?? throw OnboardingQueries.NotFound(requestId);
        if (OnboardingStatuses.IsOpen(request.Status))
        {
            throw GovernanceProblem.Conflict($"Onboarding request '{requestId}' is {request.Status}: its check has not finished, so there is nothing to override yet.");
        }

        var target = body.Decision == Approve ? OnboardingStatuses.Approved : OnboardingStatuses.Rejected;
        if (target == OnboardingStatuses.Approved && request.Status != OnboardingStatuses.Approved)
        {
            // Registered before the decision commits, as for the check's own approval (idempotent by the request id).
            await apps.EnsureAsync(request, actor, cancellationToken);
        }

        var reason = body.Reason!.Trim();
        var updated = await store.UpdateAsync(requestId, r => r.Decide(target, reason, actor, time.GetUtcNow()), () => OnboardingQueries.NotFound(requestId), cancellationToken);
        return OnboardingQueries.View(updated.State);
    }
}
