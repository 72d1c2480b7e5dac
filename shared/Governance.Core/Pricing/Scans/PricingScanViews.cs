using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;

namespace Governance.Core.Pricing.Scans;

/// <summary>What <c>POST /api/pricing/scans</c> asks for: the window <c>from ≤ observedAt &lt; to</c> (ISO 8601 with an offset).</summary>
public sealed record PricingScanRequest(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>How far a scan got: shards whose results are stored, of all.</summary>
public sealed record PricingScanProgress(int ShardsDone, int Shards);

/// <summary>
/// A scan as <c>GET /api/pricing/scans/{scanId}</c> shows it. While running, the counts are those of the shards
/// done and <see cref="Findings"/> those recorded so far; once completed they are the scan's totals.
/// </summary>
public sealed record PricingScanView(
    string ScanId,
    string Status,
    PricingScanProgress Progress,
    long Observations,
    long Cells,
    long Tests,
    int Findings,
    DateTimeOffset From,
    DateTimeOffset To,
    string Trigger,
    string Profile,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Reason)
{
    public static PricingScanView Of(PricingScan scan) => new(
        scan.ScanId, scan.Status, new PricingScanProgress(scan.ShardsDone.Count, scan.Shards), scan.Observations, scan.Cells, scan.Tests, scan.Findings,
        scan.From, scan.To, scan.Trigger, scan.Method.Profile, scan.CreatedAt, scan.CompletedAt, scan.Reason);
}

/// <summary>The answer to starting a scan: its id and where to follow it.</summary>
public sealed record PricingScanStarted(string ScanId, string Status, string StatusUrl);

/// <summary>A finding as <c>GET /api/pricing/findings</c> lists it: exactly the fields of the contract.</summary>
public sealed record PricingFindingView(
    string FindingId,
    string ScanId,
    string ProductId,
    IReadOnlyDictionary<string, string> Conditions,
    string Attribute,
    FindingCohort Cohort,
    FindingRest Rest,
    double RelativeDifference,
    double PValue,
    double AdjustedPValue,
    IReadOnlyList<PolicyRule> LegalBasis,
    IReadOnlyList<string> SampleObservationIds)
{
    public static PricingFindingView Of(PricingFinding f) => new(
        f.FindingId, f.ScanId, f.ProductId, f.Conditions, f.Attribute, f.Cohort, f.Rest, f.RelativeDifference, f.PValue, f.AdjustedPValue,
        f.LegalBasis, f.SampleObservationIds);
}

/// <summary>One page of a scan's findings, largest |relative difference| first.</summary>
public sealed record PricingFindingPage(IReadOnlyList<PricingFindingView> Findings, string? ContinuationToken);
