using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Policies;
using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Pricing.Scanning;

/// <summary>
/// Users of one cohort paid a different price from the rest of their cell of equal trading conditions (same product,
/// quantity, currency, conditions and time bucket), beyond chance over the whole scan and beyond the profile's
/// minimum size. Prices are minor units; a user counts once, with their median paid price in the cell.
/// <see cref="Distribution"/> carries what a chart of cohort vs. rest needs.
/// </summary>
public sealed record PricingFinding(
    string FindingId,
    string ScanId,
    string ProductId,
    IReadOnlyDictionary<string, string> Conditions,
    int Quantity,
    string Currency,
    DateTimeOffset BucketStart,
    DateTimeOffset BucketEnd,
    string Attribute,
    FindingCohort Cohort,
    FindingRest Rest,
    double RelativeDifference,
    double PValue,
    double AdjustedPValue,
    IReadOnlyList<PolicyRule> LegalBasis,
    IReadOnlyList<string> SampleObservationIds,
    PriceDistribution Distribution)
{
    /// <summary>
    /// The id of a finding: SHA-256 (first 16 bytes, hex) of scan, cell (product, conditions, quantity, currency,
    /// bucket start), attribute and cohort value, so re-running the finalize step yields the same ids.
    /// </summary>
    public static string IdOf(string scanId, TestCandidate candidate)
    {
        var text = string.Join('\n', scanId, candidate.ProductId, candidate.ConditionsKey, candidate.Quantity.ToString(CultureInfo.InvariantCulture),
            candidate.Currency, candidate.BucketStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), candidate.Attribute, candidate.Cohort.Value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    public static PricingFinding From(string scanId, TestCandidate candidate, double adjustedPValue, IReadOnlyList<PolicyRule> legalBasis)
    {
        var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Observations.ConditionsKey.Parse(candidate.ConditionsKey))
        {
            conditions[key] = value;
        }

        return new PricingFinding(
            IdOf(scanId, candidate), scanId, candidate.ProductId, conditions, candidate.Quantity, candidate.Currency,
            candidate.BucketStart, candidate.BucketEnd, candidate.Attribute, candidate.Cohort, candidate.Rest,
            candidate.RelativeDifference, candidate.PValue, adjustedPValue, legalBasis, candidate.SampleObservationIds, candidate.Distribution);
    }
}

/// <summary>What a scan saw and found, over all its shards.</summary>
public sealed record ScanSummary(long Observations, long Cells, long Tests, int Findings);

/// <summary>The result of finalizing a scan: its summary and its findings, largest |relative difference| first.</summary>
public sealed record ScanOutcome(ScanSummary Summary, IReadOnlyList<PricingFinding> Findings);

/// <summary>What one shard's scan stored: its counts and the blob the finalize step reads.</summary>
public sealed record ShardResult(string ScanId, int Shard, ShardCounts Counts, string ResultBlob);
