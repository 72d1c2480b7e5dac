using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Pricing.Scanning;

/// <summary>A cohort of a cell: its value of the attribute, its users and their median paid price (minor units).</summary>
public sealed record FindingCohort(string Value, int N, double MedianPaidPrice);

/// <summary>The rest of the cell the cohort was compared with.</summary>
public sealed record FindingRest(int N, double MedianPaidPrice);

/// <summary>
/// A rank test whose effect is large enough to become a finding if its adjusted p-value allows: everything the
/// finding needs except what only the whole scan knows (the adjusted p-value). Written by a shard, read by the finalizer.
/// </summary>
public sealed record TestCandidate(
    string ProductId,
    string ConditionsKey,
    int Quantity,
    string Currency,
    DateTimeOffset BucketStart,
    DateTimeOffset BucketEnd,
    string Attribute,
    FindingCohort Cohort,
    FindingRest Rest,
    double RelativeDifference,
    double PValue,
    IReadOnlyList<string> SampleObservationIds,
    PriceDistribution Distribution);
