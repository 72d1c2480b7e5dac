using System.Globalization;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>Body of <c>POST /api/claims/{claimId}/decision</c>.</summary>
public sealed record ReviewDecisionRequest(string? Decision, MoneyInput? Amount, string? Reason);

/// <summary>
/// A reviewer's decision on a claim under review. Approving records the payout event with the decision
/// (<see cref="ClaimEvents"/>) and posts to the ledger through <see cref="ClaimFollowUp"/>, exactly as an
/// automatic approval does. Repeating the decision
/// that was taken returns the claim (and finishes any follow-up a crash left); a different one is a 409 naming
/// the decision recorded.
/// </summary>
public sealed class ClaimDecisions(ClaimStore store, ClaimFollowUp followUp, IPolicyProfileProvider profiles, TimeProvider time)
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

        var profile = profiles.Current;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await store.GetAsync(claimId, cancellationToken) ?? throw ClaimQueries.NotFound(claimId);
            var target = request.Decision == Approve ? ClaimStatus.Approved : ClaimStatus.Rejected;
            var status = claim.GetStatus();
            if (status != ClaimStatus.UnderReview)
            {
                return IsRecorded(claim, target, request.Amount)
                    ? await ClaimView.ReadAsync(store, await followUp.RunAsync(claim, cancellationToken), profile, cancellationToken)
                    : throw GovernanceProblem.Conflict(Recorded(claim));
            }

            var decision = target == ClaimStatus.Approved
                ? new ClaimDecision(target, ClaimReasonCodes.ReviewerApproved, PolicyRuleIds.ClaimsAdvanceCompensation, request.Reason!.Trim(), ApprovedAmount(claim, request.Amount, profile))
                : new ClaimDecision(target, ClaimReasonCodes.ReviewerRejected, claim.Rule ?? PolicyRuleIds.ClaimsAdvanceCompensation, request.Reason!.Trim());
            ClaimProcessor.Apply(claim, decision, reviewer, time.GetUtcNow());
            try
            {
                await store.UpdateAsync(claim, cancellationToken);
            }
            catch (ClaimChangedException)
            {
                continue;
            }

            return await ClaimView.ReadAsync(store, await followUp.RunAsync(claim, cancellationToken), profile, cancellationToken);
        }

        throw GovernanceProblem.Conflict($"Claim '{claimId}' kept changing; retry the decision.");
    }

    /// <summary>
    /// Whether the request repeats the decision a reviewer recorded. The same decision is the same verb with the
    /// same money: an approval's amount is the one it names or, when it names none, the amount claimed (so
    /// "approve" and "approve 30000 CNY" are the same on a claim of 30000 CNY). The reason is an explanation,
    /// not part of the decision: a repeat with other words is the same decision, and the recorded reason stays.
    /// An automatic decision was never a reviewer's: any reviewer decision on it differs.
    /// </summary>
    private static bool IsRecorded(ClaimEntity claim, ClaimStatus target, MoneyInput? amount)
    {
        var status = claim.GetStatus();
        return target == ClaimStatus.Approved
            ? claim.ReasonCode == ClaimReasonCodes.ReviewerApproved && ClaimStateMachine.IsApprovedOrLater(status)
                && claim.ApprovedAmount == (amount?.Amount ?? claim.ClaimedAmount) && (amount?.Currency ?? claim.Currency) == claim.Currency
            : claim.ReasonCode == ClaimReasonCodes.ReviewerRejected && status == ClaimStatus.Rejected;
    }

    /// <summary>The 409's detail: the decision the claim has (what, how much, by whom, when, under which rule), or why it has none.</summary>
    private static string Recorded(ClaimEntity claim)
    {
        if (claim.DecidedAt is not { } decidedAt)
        {
            return $"Claim '{claim.ClaimId}' is {claim.Status}; only claims under_review take a reviewer's decision.";
        }

        var decision = claim.ApprovedAmount is { } approved ? $"approved for {approved} {claim.Currency} (minor units)" : "rejected";
        return $"Claim '{claim.ClaimId}' was already {decision} by {claim.DecidedBy} at {decidedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)} "
            + $"(reason code {claim.ReasonCode}, rule {claim.Rule}) and is now {claim.Status}; only that decision can be repeated.";
    }

    /// <summary>
    /// The amount an approval pays: the one requested, or the amount claimed. 422 when the profile does not accept
    /// the claim's currency (rule <c>claims.currency</c>: such a claim can only be rejected) or when the amount
    /// exceeds the claim or its currency's per-claim cap (rule <c>claims.per-claim-cap</c>).
    /// </summary>
    private static Policies.MoneyAmount ApprovedAmount(ClaimEntity claim, MoneyInput? requested, PolicyProfile profile)
    {
        var amount = requested?.Amount ?? claim.ClaimedAmount;
        var currency = requested?.Currency ?? claim.Currency;
        if (currency != claim.Currency)
        {
            throw GovernanceProblem.Unprocessable("The approved amount is not allowed for this claim.",
                new ValidationErrors().Add("amount.currency", $"must be the claim's currency, {claim.Currency}.").ToDictionary());
        }

        if (ClaimRules.MaxApprovable(claim.Claimed, profile) is not { } max)
        {
            throw GovernanceProblem.Unprocessable(
                $"Claim '{claim.ClaimId}' is in {claim.Currency}, which policy profile {profile.Id} does not accept for claims ({ClaimRules.AcceptedCurrencies(profile)} only): "
                + $"it can only be rejected. Rule {Cite(profile, PolicyRuleIds.ClaimsCurrency)}.");
        }

        if (amount > claim.ClaimedAmount)
        {
            throw GovernanceProblem.Unprocessable("The approved amount is not allowed for this claim.",
                new ValidationErrors().Add("amount.amount", $"must not exceed the amount claimed ({claim.ClaimedAmount}).").ToDictionary());
        }

        if (amount > max)
        {
            throw GovernanceProblem.Unprocessable(
                $"The approved amount ({amount} {currency}) exceeds the per-claim cap for {currency} ({max} minor units). Rule {Cite(profile, PolicyRuleIds.ClaimsPerClaimCap)}.",
                new ValidationErrors().Add("amount.amount", $"must not exceed the per-claim cap for {currency} ({max}); rule {PolicyRuleIds.ClaimsPerClaimCap}.").ToDictionary());
        }

        return new Policies.MoneyAmount(amount, currency);
    }

    /// <summary>"claims.per-claim-cap: Title (citation)".</summary>
    private static string Cite(PolicyProfile profile, string ruleId) => $"{ruleId}: {profile.Rule(ruleId)}";
}
