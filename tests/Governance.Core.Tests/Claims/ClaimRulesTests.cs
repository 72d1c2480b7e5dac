using Governance.Core.Claims;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimRulesTests
{
    private static readonly PolicyProfile Profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
    private static readonly ClaimThresholds Limits = Profile.Thresholds.Claims;
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ClaimFacts Facts(long amount, string currency = "CNY", double daysAgo = 3, int evidence = 1, bool appExists = true, int recent = 0)
        => new(new MoneyAmount(amount, currency), Now.AddDays(-daysAgo), Now, evidence, appExists, recent);

    [Fact]
    public void A_small_claim_with_evidence_from_an_infrequent_claimant_is_approved_in_full()
    {
        var decision = ClaimRules.Evaluate(Facts(Limits.AutoApprovalLimit.Amount), Profile);

        Assert.Equal(ClaimStatus.Approved, decision.Outcome);
        Assert.Equal(ClaimReasonCodes.AutoApproved, decision.ReasonCode);
        Assert.Equal(PolicyRuleIds.ClaimsAutoApproval, decision.RuleId);
        Assert.Equal(new MoneyAmount(Limits.AutoApprovalLimit.Amount, "CNY"), decision.ApprovedAmount);
        Assert.Contains(Profile.Rule(PolicyRuleIds.ClaimsAutoApproval).Citation, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_claim_window_is_inclusive_of_its_last_day_and_rejects_after_it()
    {
        Assert.Equal(ClaimStatus.Approved, ClaimRules.Evaluate(Facts(100, daysAgo: Limits.ClaimWindowDays), Profile).Outcome);

        var late = ClaimRules.Evaluate(Facts(100, daysAgo: Limits.ClaimWindowDays + 0.001), Profile);

        Assert.Equal(ClaimStatus.Rejected, late.Outcome);
        Assert.Equal(ClaimReasonCodes.ClaimWindowExpired, late.ReasonCode);
        Assert.Equal(PolicyRuleIds.ClaimsWindow, late.RuleId);
    }

    [Fact]
    public void An_unknown_app_is_rejected_before_any_amount_rule()
    {
        var decision = ClaimRules.Evaluate(Facts(Limits.PerClaimCap.Amount * 10, appExists: false), Profile);

        Assert.Equal(ClaimStatus.Rejected, decision.Outcome);
        Assert.Equal(ClaimReasonCodes.UnknownApp, decision.ReasonCode);
        Assert.Null(decision.ApprovedAmount);
    }

    [Theory]
    [InlineData(1, 0, 0, ClaimReasonCodes.NoEvidence)]
    [InlineData(1, 1, 3, ClaimReasonCodes.UserClaimLimitReached)]
    [InlineData(20_001, 1, 0, ClaimReasonCodes.AboveAutoApprovalLimit)]
    [InlineData(5_000_001, 1, 0, ClaimReasonCodes.AbovePerClaimCap)]
    public void Everything_else_goes_to_a_reviewer_with_its_reason(long amount, int evidence, int recent, string reason)
    {
        var decision = ClaimRules.Evaluate(Facts(amount, evidence: evidence, recent: recent), Profile);

        Assert.Equal(ClaimStatus.UnderReview, decision.Outcome);
        Assert.Equal(reason, decision.ReasonCode);
        Assert.Null(decision.ApprovedAmount);
    }

    [Fact]
    public void The_user_limit_counts_other_claims_below_the_threshold()
        => Assert.Equal(ClaimStatus.Approved, ClaimRules.Evaluate(Facts(100, recent: Limits.UserClaimLimitPer30Days - 1), Profile).Outcome);

    [Fact]
    public void A_claim_in_another_currency_is_never_auto_approved()
    {
        var decision = ClaimRules.Evaluate(Facts(1, currency: "USD"), Profile);

        Assert.Equal(ClaimStatus.UnderReview, decision.Outcome);
        Assert.Equal(ClaimReasonCodes.CurrencyNotAutoApprovable, decision.ReasonCode);
    }

    [Fact]
    public void A_reviewer_may_approve_at_most_the_claim_and_the_cap()
    {
        Assert.Equal(700, ClaimRules.MaxApprovable(new MoneyAmount(700, "CNY"), Profile));
        Assert.Equal(Limits.PerClaimCap.Amount, ClaimRules.MaxApprovable(new MoneyAmount(Limits.PerClaimCap.Amount + 1, "CNY"), Profile));
        Assert.Equal(9_999_999, ClaimRules.MaxApprovable(new MoneyAmount(9_999_999, "USD"), Profile));
    }
}
