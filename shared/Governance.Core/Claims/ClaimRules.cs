using Governance.Core.Policies;

namespace Governance.Core.Claims;

/// <summary>What the rules know about a claim when it is processed.</summary>
public sealed record ClaimFacts(
    MoneyAmount Claimed,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    int EvidenceCount,
    bool AppExists,
    int UserClaimsLast30Days);

/// <summary>The outcome of the rules: the next state, a machine-readable reason and the profile rule applied.</summary>
public sealed record ClaimDecision(ClaimStatus Outcome, string ReasonCode, string RuleId, string Reason, MoneyAmount? ApprovedAmount = null);

public static class ClaimReasonCodes
{
    public const string ClaimWindowExpired = "claim_window_expired";
    public const string UnknownApp = "unknown_app";
    public const string AbovePerClaimCap = "above_per_claim_cap";
    public const string CurrencyNotAccepted = "currency_not_accepted";
    public const string NoEvidence = "no_evidence";
    public const string AboveAutoApprovalLimit = "above_auto_approval_limit";
    public const string UserClaimLimitReached = "user_claim_limit_reached";
    public const string AutoApproved = "auto_approved";
    public const string ReviewerApproved = "reviewer_approved";
    public const string ReviewerRejected = "reviewer_rejected";
}

/// <summary>
/// The claim rules of the active policy profile, applied in order: the claim window, the app's existence,
/// the claim's currency (one the profile accepts), its per-claim cap, then auto-approval (small, with evidence, from a user below the 30-day limit).
/// Anything not decided by them goes to a reviewer. Pure: the caller gathers the facts.
/// </summary>
public static class ClaimRules
{
    public static ClaimDecision Evaluate(ClaimFacts facts, PolicyProfile profile)
    {
        var limits = profile.Thresholds.Claims;
        var window = TimeSpan.FromDays(limits.ClaimWindowDays);
        if (facts.ReceivedAt - facts.OccurredAt > window)
        {
            return Decide(ClaimStatus.Rejected, ClaimReasonCodes.ClaimWindowExpired, PolicyRuleIds.ClaimsWindow, profile,
                $"The claim was filed more than {limits.ClaimWindowDays} days after the damage occurred.");
        }

        if (!facts.AppExists)
        {
            return Decide(ClaimStatus.Rejected, ClaimReasonCodes.UnknownApp, PolicyRuleIds.ClaimsAdvanceCompensation, profile,
                "The app named in the claim is not registered on the platform.");
        }

        var claimed = facts.Claimed;
        if (limits.For(claimed.Currency) is not { } currency)
        {
            return Decide(ClaimStatus.Rejected, ClaimReasonCodes.CurrencyNotAccepted, PolicyRuleIds.ClaimsCurrency, profile,
                $"Claims are paid in {AcceptedCurrencies(profile)}; {claimed.Currency} is not accepted.");
        }

        if (claimed.Amount > currency.PerClaimCap)
        {
            return Decide(ClaimStatus.UnderReview, ClaimReasonCodes.AbovePerClaimCap, PolicyRuleIds.ClaimsPerClaimCap, profile,
                $"The amount claimed exceeds the per-claim cap of {currency.PerClaimCap} {currency.Currency} (minor units); a reviewer may approve at most the cap.");
        }

        // The profile guarantees autoApprovalLimit ≤ perClaimCap, so an automatic approval never exceeds the cap.
        if (claimed.Amount > currency.AutoApprovalLimit)
        {
            return Decide(ClaimStatus.UnderReview, ClaimReasonCodes.AboveAutoApprovalLimit, PolicyRuleIds.ClaimsAutoApproval, profile,
                $"The amount claimed exceeds the auto-approval limit of {currency.AutoApprovalLimit} {currency.Currency} (minor units).");
        }

        if (facts.EvidenceCount == 0)
        {
            return Decide(ClaimStatus.UnderReview, ClaimReasonCodes.NoEvidence, PolicyRuleIds.ClaimsAutoApproval, profile,
                "The claim has no evidence; only claims with evidence are auto-approved.");
        }

        if (facts.UserClaimsLast30Days >= limits.UserClaimLimitPer30Days)
        {
            return Decide(ClaimStatus.UnderReview, ClaimReasonCodes.UserClaimLimitReached, PolicyRuleIds.ClaimsAutoApproval, profile,
                $"The user filed {facts.UserClaimsLast30Days} other claims in the last 30 days; auto-approval stops at {limits.UserClaimLimitPer30Days}.");
        }

        return Decide(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, profile,
            "Small claim with evidence, approved automatically.", claimed);
    }

    /// <summary>
    /// The most any decision may approve for the claim: the amount claimed, capped by its currency's per-claim
    /// cap; null when the profile does not accept the currency (nothing may be approved).
    /// </summary>
    public static long? MaxApprovable(MoneyAmount claimed, PolicyProfile profile)
        => profile.Thresholds.Claims.For(claimed.Currency) is { } currency ? Math.Min(claimed.Amount, currency.PerClaimCap) : null;

    /// <summary>"CNY, HKD and USD": the currencies the profile accepts, for messages.</summary>
    public static string AcceptedCurrencies(PolicyProfile profile)
    {
        var codes = profile.Thresholds.Claims.Currencies.Select(c => c.Currency).ToList();
        return codes.Count == 1 ? codes[0] : $"{string.Join(", ", codes.Take(codes.Count - 1))} and {codes[^1]}";
    }

    private static ClaimDecision Decide(ClaimStatus outcome, string code, string ruleId, PolicyProfile profile, string reason, MoneyAmount? approved = null)
        => new(outcome, code, ruleId, $"{reason} Rule: {profile.Rule(ruleId)}.", approved);
}
