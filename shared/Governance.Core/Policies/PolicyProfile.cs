using System.Text.Json.Serialization;
using Governance.Core.Compliance;
using Governance.Core.Onboarding;

namespace Governance.Core.Policies;

/// <summary>
/// One legal regime as data: the thresholds the duties apply and the rules (id, title, citation) that every
/// decision names. Loaded from <c>Policies/Profiles/{id}.json</c>; nothing legal is hard-coded elsewhere.
/// </summary>
public sealed class PolicyProfile
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Jurisdiction { get; init; }

    /// <summary><c>draft</c> for a consultation text, <c>in_force</c> for law in effect.</summary>
    public required string Status { get; init; }

    public string? Notes { get; init; }

    public required IReadOnlyList<LegalInstrument> Instruments { get; init; }

    public required PolicyThresholds Thresholds { get; init; }

    public required IReadOnlyList<PolicyRule> Rules { get; init; }

    /// <summary>Third-party onboarding: clause library, declaration policies and re-assessment intervals.</summary>
    public required OnboardingPolicy Onboarding { get; init; }
    /// <summary>How discriminatory-pricing scans decide (see <see cref="PricingPolicy"/>).</summary>
    public required PricingPolicy Pricing { get; init; }

    /// <summary>Compliance records: cross-border transfers, incident deadlines and filing duties (see <see cref="CompliancePolicy"/>).</summary>
    public required CompliancePolicy Compliance { get; init; }

    /// <summary>The rule with <paramref name="id"/>; every id in <see cref="PolicyRuleIds"/> is guaranteed by validation.</summary>
    public PolicyRule Rule(string id)
        => Rules.FirstOrDefault(r => r.Id == id)
            ?? throw new KeyNotFoundException($"Policy profile '{Id}' has no rule '{id}'.");

    public bool HasRule(string id) => Rules.Any(r => r.Id == id);
}

public sealed record LegalInstrument(string Id, string Title, string? OriginalTitle, string? Date, string? EffectiveFrom, string? Note);

/// <summary>A rule the system applies, and where the law (or the platform's own policy) says so.</summary>
public sealed record PolicyRule(string Id, string Title, string Citation)
{
    /// <summary>"Title (citation)": how a decision or problem message names the rule.</summary>
    public override string ToString() => $"{Title} ({Citation})";
}

/// <summary>An amount in integer minor units of an ISO 4217 currency.</summary>
public sealed record MoneyAmount(long Amount, string Currency);

public sealed class PolicyThresholds
{
    public required LargePlatformThresholds LargePlatform { get; init; }

    public required DisclosureThresholds Disclosure { get; init; }

    public required ClaimThresholds Claims { get; init; }

    public required PricingThresholds Pricing { get; init; }
}

/// <summary>
/// When a platform counts as large. Each criterion is optional; a platform meeting any configured one is large.
/// "Above" is strictly greater (the draft's "more than"); "AtLeast" includes the figure (the final text's "or more").
/// </summary>
public sealed class LargePlatformThresholds
{
    public long? DailyActiveUsersAbove { get; init; }

    public long? MonthlyActiveUsersAtLeast { get; init; }

    public long? RegisteredUsersAtLeast { get; init; }
}

public sealed class DisclosureThresholds
{
    /// <summary>Days between publishing a changed rule and its taking effect.</summary>
    public required int NoticeDays { get; init; }

    /// <summary>Whether a large platform needs a third-party assessment and a filing before significant changes.</summary>
    public required bool LargePlatformAssessmentRequired { get; init; }
}

public sealed class ClaimThresholds
{
    /// <summary><c>duty</c> when the regime mandates advance compensation, <c>platform_policy</c> when it is the platform's own promise.</summary>
    public required string AdvanceCompensation { get; init; }

    public required int ClaimWindowDays { get; init; }

    /// <summary>
    /// The currencies claims are paid in, each with its own per-claim cap and auto-approval limit; a claim in any
    /// other currency is rejected. The first is the profile's home currency. Platform policy, not statutory figures.
    /// </summary>
    public required IReadOnlyList<ClaimCurrencyLimits> Currencies { get; init; }

    /// <summary>The home currency's cap, as <c>GET /api/policy</c> has always shown it; the rules use <see cref="Currencies"/>.</summary>
    public MoneyAmount PerClaimCap => Currencies.Count > 0 ? Currencies[0].Cap : new MoneyAmount(0, string.Empty);

    /// <summary>The home currency's auto-approval limit, as <c>GET /api/policy</c> has always shown it; the rules use <see cref="Currencies"/>.</summary>
    public MoneyAmount AutoApprovalLimit => Currencies.Count > 0 ? Currencies[0].AutoApproval : new MoneyAmount(0, string.Empty);

    /// <summary>A user with this many claims or more in the last 30 days is no longer auto-approved.</summary>
    public required int UserClaimLimitPer30Days { get; init; }

    public required int RecourseOverdueDays { get; init; }

    /// <summary>The limits for claims in <paramref name="currency"/>; null when the profile does not accept it.</summary>
    public ClaimCurrencyLimits? For(string currency) => Currencies.FirstOrDefault(c => string.Equals(c.Currency, currency, StringComparison.Ordinal));
}

/// <summary>
/// A currency the profile pays claims in (ISO 4217 code) with its limits in minor units of that currency: no
/// claim is approved for more than <see cref="PerClaimCap"/>, and only claims up to <see cref="AutoApprovalLimit"/>
/// are approved without a reviewer (0: none are).
/// </summary>
public sealed record ClaimCurrencyLimits(string Currency, long PerClaimCap, long AutoApprovalLimit)
{
    [JsonIgnore]
    public MoneyAmount Cap => new(PerClaimCap, Currency);

    [JsonIgnore]
    public MoneyAmount AutoApproval => new(AutoApprovalLimit, Currency);
}

public sealed class PricingThresholds
{
    /// <summary>Fewest observations in each compared group before a difference is assessed.</summary>
    public required int MinObservationsPerGroup { get; init; }

    /// <summary>Smallest relative price difference worth a finding, in basis points (100 = 1 %).</summary>
    public required int MinPriceDifferenceBasisPoints { get; init; }

    /// <summary>Two-sided significance level for the group comparison.</summary>
    public required decimal SignificanceLevel { get; init; }
}
