using System.Globalization;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Timeline;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>A reviewer's decision as the claim receives it (validated by <see cref="ClaimDecisions"/>).</summary>
public sealed record ReviewerDecision(bool Approve, MoneyInput? Amount, string Reason);

public sealed partial record Claim
{
    /// <summary>
    /// The rules' decision (<see cref="ClaimRules"/>) on a received claim; null when the claim was assessed already
    /// (a repeated queue message). An approval records the payout instruction <c>governance.compensation.prepaid</c>
    /// (event id = claim id) and owes the approval posting.
    /// </summary>
    public Change<Claim>? Assess(ClaimDecision decision, AuditActor actor, DateTimeOffset now)
        => Status == ClaimStatus.Received ? Indexed(Apply(decision, actor, now)) : null;

    /// <summary>
    /// A reviewer's decision on a claim under review. Repeating the decision a reviewer recorded changes nothing
    /// (null); any other decision on a decided claim is a 409 naming the decision recorded. An approval pays the
    /// amount named or the amount claimed, within the claim and its currency's per-claim cap (422 otherwise; a
    /// currency the profile does not accept can only be rejected).
    /// </summary>
    public Change<Claim>? Review(ReviewerDecision decision, PolicyProfile profile, AuditActor reviewer, DateTimeOffset now)
    {
        if (Status != ClaimStatus.UnderReview)
        {
            return IsRecorded(decision) ? null : throw GovernanceProblem.Conflict(RecordedDecision());
        }

        var outcome = decision.Approve
            ? new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.ReviewerApproved, PolicyRuleIds.ClaimsAdvanceCompensation, decision.Reason, ApprovableAmount(decision.Amount, profile))
            : new ClaimDecision(ClaimStatus.Rejected, ClaimReasonCodes.ReviewerRejected, Rule ?? PolicyRuleIds.ClaimsAdvanceCompensation, decision.Reason);
        return Indexed(Apply(outcome, reviewer, now));
    }

    /// <summary>
    /// The payments system or an operator confirms the payout: <c>prepaid</c>, owing the payout posting. The same
    /// reference again changes nothing (null); another reference for a paid claim, or a claim not approved, is a 409.
    /// </summary>
    public Change<Claim>? ConfirmPayout(string payoutReference, DateTimeOffset? paidAt, AuditActor actor, DateTimeOffset now)
    {
        if (PrepaidAt is not null)
        {
            return PayoutReference == payoutReference
                ? null
                : throw GovernanceProblem.Conflict($"Claim '{ClaimId}' was already paid out under reference '{PayoutReference}'.");
        }

        if (Status != ClaimStatus.Approved)
        {
            throw GovernanceProblem.Conflict($"Claim '{ClaimId}' is {ClaimStateMachine.ToWire(Status)}; only approved claims can be paid out.");
        }

        var paid = paidAt?.ToUniversalTime() ?? now;
        var change = MoveTo(ClaimStatus.Prepaid, this with { PrepaidAt = paid, PayoutReference = payoutReference }, actor, PolicyRuleIds.ClaimsAdvanceCompensation, now,
            new Dictionary<string, string> { ["payoutReference"] = payoutReference });
        return Indexed(change
            .Then(LedgerFollowUp.Of(ClaimPostings.Payout(change.State)))
            .Then(TimelineFollowUp.Of(TimelineKinds.ClaimPrepaid, ClaimId, paid, new ClaimPrepaidFact(Filing.AppId, Approved!))));
    }

    /// <summary>Moves to the decision's state with its reason, rule and (approved) amounts.</summary>
    private Change<Claim> Apply(ClaimDecision decision, AuditActor actor, DateTimeOffset now)
    {
        var details = new Dictionary<string, string> { ["reasonCode"] = decision.ReasonCode, ["reason"] = decision.Reason };
        var next = this with { ReasonCode = decision.ReasonCode, Reason = decision.Reason, Rule = decision.RuleId };
        if (decision.ApprovedAmount is { } approved)
        {
            details["approvedAmount"] = $"{approved.Amount} {approved.Currency}";
            next = next with { ApprovedAmount = approved.Amount, Outstanding = approved.Amount };
        }

        if (decision.Outcome != ClaimStatus.UnderReview)
        {
            next = next with { DecidedAt = now, DecidedBy = Describe(actor) };
        }

        var change = MoveTo(decision.Outcome, next, actor, decision.RuleId, now, details, (decision.ReasonCode, decision.Reason));
        return decision.Outcome == ClaimStatus.Approved
            ? change.Emit(ClaimEvents.Prepaid(change.State)).Then(LedgerFollowUp.Of(ClaimPostings.Approval(change.State)))
            : change;
    }

    /// <summary>
    /// Whether the reviewer repeats the decision recorded: the same verb with the same money (an approval without an
    /// amount means the amount claimed); the reason is an explanation, not part of it. An automatic decision was never
    /// a reviewer's, so any reviewer decision on it differs.
    /// </summary>
    private bool IsRecorded(ReviewerDecision decision)
        => decision.Approve
            ? ReasonCode == ClaimReasonCodes.ReviewerApproved && ClaimStateMachine.IsApprovedOrLater(Status)
                && ApprovedAmount == (decision.Amount?.Amount ?? Filing.Claimed.Amount) && (decision.Amount?.Currency ?? Currency) == Currency
            : ReasonCode == ClaimReasonCodes.ReviewerRejected && Status == ClaimStatus.Rejected;

    /// <summary>The 409's detail: the decision the claim has (what, how much, by whom, when, under which rule), or why it has none.</summary>
    private string RecordedDecision()
    {
        var status = ClaimStateMachine.ToWire(Status);
        if (DecidedAt is not { } decidedAt)
        {
            return $"Claim '{ClaimId}' is {status}; only claims under_review take a reviewer's decision.";
        }

        var decision = ApprovedAmount is { } approved ? $"approved for {approved} {Currency} (minor units)" : "rejected";
        return $"Claim '{ClaimId}' was already {decision} by {DecidedBy} at {decidedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)} "
            + $"(reason code {ReasonCode}, rule {Rule}) and is now {status}; only that decision can be repeated.";
    }

    /// <summary>The amount an approval pays: the one requested, or the amount claimed, within the claim and the cap.</summary>
    private MoneyAmount ApprovableAmount(MoneyInput? requested, PolicyProfile profile)
    {
        var amount = requested?.Amount ?? Filing.Claimed.Amount;
        var currency = requested?.Currency ?? Currency;
        if (currency != Currency)
        {
            throw GovernanceProblem.Unprocessable("The approved amount is not allowed for this claim.",
                new ValidationErrors().Add("amount.currency", $"must be the claim's currency, {Currency}.").ToDictionary());
        }

        if (ClaimRules.MaxApprovable(Filing.Claimed, profile) is not { } max)
        {
            throw GovernanceProblem.Unprocessable(
                $"Claim '{ClaimId}' is in {Currency}, which policy profile {profile.Id} does not accept for claims ({ClaimRules.AcceptedCurrencies(profile)} only): "
                + $"it can only be rejected. Rule {Cite(profile, PolicyRuleIds.ClaimsCurrency)}.");
        }

        if (amount > Filing.Claimed.Amount)
        {
            throw GovernanceProblem.Unprocessable("The approved amount is not allowed for this claim.",
                new ValidationErrors().Add("amount.amount", $"must not exceed the amount claimed ({Filing.Claimed.Amount}).").ToDictionary());
        }

        if (amount > max)
        {
            throw GovernanceProblem.Unprocessable(
                $"The approved amount ({amount} {currency}) exceeds the per-claim cap for {currency} ({max} minor units). Rule {Cite(profile, PolicyRuleIds.ClaimsPerClaimCap)}.",
                new ValidationErrors().Add("amount.amount", $"must not exceed the per-claim cap for {currency} ({max}); rule {PolicyRuleIds.ClaimsPerClaimCap}.").ToDictionary());
        }

        return new MoneyAmount(amount, currency);
    }

    /// <summary>"claims.per-claim-cap: Title (citation)".</summary>
    private static string Cite(PolicyProfile profile, string ruleId) => $"{ruleId}: {profile.Rule(ruleId)}";
}
