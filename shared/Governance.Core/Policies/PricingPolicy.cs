namespace Governance.Core.Policies;

/// <summary>Rule ids a pricing finding cites. Every profile's <c>pricing.legalBasis</c> must name each of them.</summary>
public static class PricingRuleIds
{
    public const string AutomatedDecisionFairness = "pricing.automated-decision-fairness";
    public const string AlgorithmicDifferentialTreatment = "pricing.algorithmic-differential-treatment";
    public const string SameGoodsSameConditions = "pricing.same-goods-same-conditions";

    public static IReadOnlyList<string> Required { get; } = [AutomatedDecisionFairness, AlgorithmicDifferentialTreatment, SameGoodsSameConditions];
}

/// <summary>
/// Section <c>pricing</c> of a profile: how discriminatory-pricing scans decide. Cells of equal trading conditions
/// are cut into time buckets; cohorts of an attribute are compared with the rest of their cell; findings need a
/// Benjamini–Hochberg adjusted p-value at most <see cref="FalseDiscoveryRate"/> over all tests of a scan, a relative
/// difference of median paid prices of at least <see cref="MinRelativeDifferenceBasisPoints"/>, and at least
/// <see cref="MinObservationsPerCohort"/> users on each side.
/// </summary>
public sealed class PricingPolicy
{
    /// <summary>q of the Benjamini–Hochberg procedure over all tests of one scan.</summary>
    public required double FalseDiscoveryRate { get; init; }

    /// <summary>Smallest |relative difference| of median paid prices worth a finding, in basis points (200 = 2 %).</summary>
    public required int MinRelativeDifferenceBasisPoints { get; init; }

    /// <summary>
    /// Fewest users on each side of a comparison before it is tested. A user counts once per cell (their median
    /// paid price there), because repeat purchases of one user are not independent observations.
    /// </summary>
    public required int MinObservationsPerCohort { get; init; }

    /// <summary>Length of a cell's time bucket in minutes, aligned to UTC midnight; must divide a day (1440 = one day).</summary>
    public required int TimeBucketMinutes { get; init; }

    /// <summary>
    /// Cohort boundaries of numeric attributes: edges [30, 365] make cohorts "&lt;30", "30..&lt;365" and "&gt;=365".
    /// A numeric attribute not named here is split at its cell's median.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<double>> NumericAttributeBins { get; init; }

    /// <summary>Observation ids a finding quotes as samples of its cohort.</summary>
    public required int SampleObservationIds { get; init; }

    /// <summary>Rule ids (in <see cref="PolicyProfile.Rules"/>) a finding cites as its legal basis.</summary>
    public required IReadOnlyList<string> LegalBasis { get; init; }

    public double MinRelativeDifference => MinRelativeDifferenceBasisPoints / 10_000.0;

    public TimeSpan TimeBucket => TimeSpan.FromMinutes(TimeBucketMinutes);

    internal static void Validate(PolicyProfile profile, List<string> errors)
    {
        var p = profile.Pricing;
        if (p.FalseDiscoveryRate is <= 0 or >= 1)
        {
            errors.Add("pricing.falseDiscoveryRate must be between 0 and 1 (exclusive).");
        }

        if (p.MinRelativeDifferenceBasisPoints is < 1 or > 10_000)
        {
            errors.Add("pricing.minRelativeDifferenceBasisPoints must be between 1 and 10000.");
        }

        if (p.MinObservationsPerCohort < 2)
        {
            errors.Add("pricing.minObservationsPerCohort must be at least 2.");
        }

        if (p.TimeBucketMinutes is < 1 or > 1440 || 1440 % p.TimeBucketMinutes != 0)
        {
            errors.Add("pricing.timeBucketMinutes must divide a day (1440 minutes).");
        }

        if (p.SampleObservationIds is < 0 or > 100)
        {
            errors.Add("pricing.sampleObservationIds must be between 0 and 100.");
        }

        foreach (var (attribute, edges) in p.NumericAttributeBins)
        {
            if (string.IsNullOrWhiteSpace(attribute) || edges.Count == 0 || edges.Any(e => !double.IsFinite(e)) || edges.Zip(edges.Skip(1)).Any(pair => pair.First >= pair.Second))
            {
                errors.Add($"pricing.numericAttributeBins.{attribute} must list finite, strictly increasing edges.");
            }
        }

        var unknown = p.LegalBasis.Where(id => !profile.HasRule(id)).ToList();
        var missing = PricingRuleIds.Required.Except(p.LegalBasis).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            errors.Add($"pricing.legalBasis must name rules of this profile, including {string.Join(", ", PricingRuleIds.Required)}" +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}." : $"; missing: {string.Join(", ", missing)}."));
        }
    }
}
