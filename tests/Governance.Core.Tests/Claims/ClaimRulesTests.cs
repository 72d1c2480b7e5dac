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
        var cny = Limits.For("CNY")!;
        var decision = ClaimRules.Evaluate(Facts(cny.AutoApprovalLimit), Profile);

        Assert.Equal(ClaimStatus.Approved, decision.Outcome);
        Assert.Equal(ClaimReasonCodes.AutoApproved, decision.ReasonCode);
        Assert.Equal(PolicyRuleIds.ClaimsAutoApproval, decision.RuleId);
        Assert.Equal(new MoneyAmount(cny.AutoApprovalLimit, "CNY"), decision.ApprovedAmount);
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
        var decision = ClaimRules.Evaluate(Facts(Limits.For("CNY")!.PerClaimCap * 10, appExists: false), Profile);

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

    [Theory]
    [InlineData("JPY")]
    [InlineData("EUR")]
    [InlineData("ZZZ")]
    public void A_claim_in_a_currency_the_profile_does_not_accept_is_rejected_citing_the_currency_rule(string currency)
    {
        var decision = ClaimRules.Evaluate(Facts(1, currency: currency), Profile);

        Assert.Equal(ClaimStatus.Rejected, decision.Outcome);
        Assert.Equal(ClaimReasonCodes.CurrencyNotAccepted, decision.ReasonCode);
        Assert.Equal(PolicyRuleIds.ClaimsCurrency, decision.RuleId);
        Assert.Contains(Profile.Rule(PolicyRuleIds.ClaimsCurrency).Citation, decision.Reason, StringComparison.Ordinal);
        Assert.Null(decision.ApprovedAmount);
        Assert.Null(ClaimRules.MaxApprovable(new MoneyAmount(1, currency), Profile));
    }

    public static TheoryData<string, string> AcceptedCurrencies()
    {
        var data = new TheoryData<string, string>();
        foreach (var id in PolicyProfileLoader.EmbeddedIds())
        {
            foreach (var limits in PolicyProfileLoader.LoadEmbedded(id).Thresholds.Claims.Currencies)
            {
                data.Add(id, limits.Currency);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptedCurrencies))]
    public void Each_accepted_currency_applies_its_own_cap_and_auto_approval_limit(string profileId, string currency)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(profileId);
        var limits = profile.Thresholds.Claims.For(currency)!;
        ClaimDecision Evaluate(long amount) => ClaimRules.Evaluate(Facts(amount, currency: currency), profile);

        Assert.Equal(new MoneyAmount(limits.AutoApprovalLimit, currency), Evaluate(limits.AutoApprovalLimit).ApprovedAmount);
        Assert.Equal(ClaimReasonCodes.AboveAutoApprovalLimit, Evaluate(limits.AutoApprovalLimit + 1).ReasonCode);
        Assert.Equal(ClaimReasonCodes.AboveAutoApprovalLimit, Evaluate(limits.PerClaimCap).ReasonCode);
        var aboveCap = Evaluate(limits.PerClaimCap + 1);
        Assert.Equal(ClaimStatus.UnderReview, aboveCap.Outcome);
        Assert.Equal(ClaimReasonCodes.AbovePerClaimCap, aboveCap.ReasonCode);
        Assert.Equal(PolicyRuleIds.ClaimsPerClaimCap, aboveCap.RuleId);
        Assert.Equal(limits.PerClaimCap, ClaimRules.MaxApprovable(new MoneyAmount(ClaimWebhookValidator.MaxAmount, currency), profile));
    }

    [Fact]
    public void An_automatic_approval_never_exceeds_the_cap_even_when_the_auto_limit_equals_it()
    {
        using var embedded = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream("Governance.Core.Policies.Profiles.cn-2021-draft.json")!;
        var json = System.Text.Json.Nodes.JsonNode.Parse(embedded)!;
        json["thresholds"]!["claims"]!["currencies"] = System.Text.Json.Nodes.JsonNode.Parse("[{\"currency\":\"CNY\",\"perClaimCap\":500,\"autoApprovalLimit\":500}]");
        var equal = PolicyProfileLoader.Parse(json.ToJsonString(), "equal-limits.json");

        var amounts = new long[] { 1, 499, 500, 501, 5_000, ClaimWebhookValidator.MaxAmount };
        var approved = amounts.Select(a => ClaimRules.Evaluate(Facts(a), equal)).Where(d => d.Outcome == ClaimStatus.Approved).ToList();

        Assert.Equal(3, approved.Count);
        Assert.All(approved, d => Assert.True(d.ApprovedAmount!.Amount <= 500));
    }

    [Fact]
    public void A_reviewer_may_approve_at_most_the_claim_and_the_cap_of_its_currency()
    {
        var usd = Limits.For("USD")!;
        Assert.Equal(700, ClaimRules.MaxApprovable(new MoneyAmount(700, "CNY"), Profile));
        Assert.Equal(Limits.For("CNY")!.PerClaimCap, ClaimRules.MaxApprovable(new MoneyAmount(Limits.For("CNY")!.PerClaimCap + 1, "CNY"), Profile));
        Assert.Equal(usd.PerClaimCap, ClaimRules.MaxApprovable(new MoneyAmount(usd.PerClaimCap * 10, "USD"), Profile));
        Assert.NotEqual(Limits.For("CNY")!.PerClaimCap, usd.PerClaimCap);
    }
}
