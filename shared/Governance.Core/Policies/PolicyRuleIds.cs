namespace Governance.Core.Policies;

/// <summary>Rule ids the code applies. Every profile must define each one (validated at start-up).</summary>
public static class PolicyRuleIds
{
    public const string DisclosureSystem = "disclosure.system";
    public const string DisclosureNoticePeriod = "disclosure.notice-period";
    public const string DisclosureLargePlatformAssessment = "disclosure.large-platform-assessment";
    public const string DisclosureAlgorithmTransparency = "disclosure.algorithm-transparency";
    public const string OnboardingThirdPartyObligations = "onboarding.third-party-obligations";
    public const string ClaimsAdvanceCompensation = "claims.advance-compensation";
    public const string ClaimsWindow = "claims.window";
    public const string ClaimsPerClaimCap = "claims.per-claim-cap";
    public const string ClaimsCurrency = "claims.currency";
    public const string ClaimsAutoApproval = "claims.auto-approval";
    public const string ClaimsRecourse = "claims.recourse";
    public const string ClaimsRecourseOverdue = "claims.recourse-overdue";
    public const string PricingDifferentialTreatment = "pricing.differential-treatment";
    public const string PlatformLargePlatform = "platform.large-platform";

    public static IReadOnlyList<string> Required { get; } =
    [
        DisclosureSystem,
        DisclosureNoticePeriod,
        DisclosureLargePlatformAssessment,
        DisclosureAlgorithmTransparency,
        OnboardingThirdPartyObligations,
        ClaimsAdvanceCompensation,
        ClaimsWindow,
        ClaimsPerClaimCap,
        ClaimsCurrency,
        ClaimsAutoApproval,
        ClaimsRecourse,
        ClaimsRecourseOverdue,
        PricingDifferentialTreatment,
        PlatformLargePlatform,
    ];
}
