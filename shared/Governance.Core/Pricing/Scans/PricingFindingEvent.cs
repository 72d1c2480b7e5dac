using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;

namespace Governance.Core.Pricing.Scans;

/// <summary>
/// Data of <c>governance.pricing.finding</c>. The fields documented before the finding existed stay (schemas only
/// grow), with their meaning made exact: <see cref="ItemId"/> is the product id; <see cref="LowestPrice"/> and
/// <see cref="HighestPrice"/> are the lower and the higher of the two sides' median paid prices (rounded to whole
/// minor units); <see cref="Observations"/> counts the users compared (cohort + rest; a user counts once per cell);
/// <see cref="Rule"/> and <see cref="Citation"/> are the first rule of the legal basis. The finding's own fields
/// follow. <see cref="Conditions"/> and <see cref="SampleObservationIds"/> are left out only when they would make the
/// event larger than an event may be (read them from the finding).
/// </summary>
public sealed record PricingFindingData(
    string FindingId,
    string ScanId,
    string ItemId,
    string Attribute,
    MoneyAmount LowestPrice,
    MoneyAmount HighestPrice,
    int Observations,
    string Rule,
    string Citation,
    DateTimeOffset DetectedAt,
    string ProductId,
    IReadOnlyDictionary<string, string>? Conditions,
    int Quantity,
    string Currency,
    DateTimeOffset BucketStart,
    DateTimeOffset BucketEnd,
    FindingCohort Cohort,
    FindingRest Rest,
    double RelativeDifference,
    double PValue,
    double AdjustedPValue,
    IReadOnlyList<PolicyRule> LegalBasis,
    IReadOnlyList<string>? SampleObservationIds);

/// <summary>The event and the timeline fact of one finding.</summary>
public static class PricingFindingEvent
{
    /// <summary>Data beyond this (UTF-8 JSON) drops its optional lists; the outbox refuses events over 32 KB.</summary>
    private const int MaxDataBytes = 24 * 1024;

    public static DomainEvent Of(PricingFinding finding, DateTimeOffset detectedAt)
        => DomainEvent.Create(EventTypes.PricingFinding, EventSources.Pricing, finding.ScanId, Data(finding, detectedAt), detectedAt,
            subject: finding.FindingId, id: finding.FindingId);

    public static PricingFindingData Data(PricingFinding finding, DateTimeOffset detectedAt)
    {
        var low = Math.Min(finding.Cohort.MedianPaidPrice, finding.Rest.MedianPaidPrice);
        var high = Math.Max(finding.Cohort.MedianPaidPrice, finding.Rest.MedianPaidPrice);
        var first = finding.LegalBasis.Count > 0 ? finding.LegalBasis[0] : new PolicyRule(string.Empty, string.Empty, string.Empty);
        var data = new PricingFindingData(
            finding.FindingId, finding.ScanId, finding.ProductId, finding.Attribute,
            new MoneyAmount((long)Math.Round(low, MidpointRounding.AwayFromZero), finding.Currency),
            new MoneyAmount((long)Math.Round(high, MidpointRounding.AwayFromZero), finding.Currency),
            finding.Cohort.N + finding.Rest.N, first.Id, first.Citation, detectedAt,
            finding.ProductId, finding.Conditions, finding.Quantity, finding.Currency, finding.BucketStart, finding.BucketEnd,
            finding.Cohort, finding.Rest, finding.RelativeDifference, finding.PValue, finding.AdjustedPValue, finding.LegalBasis,
            finding.SampleObservationIds);
        if (Size(data) > MaxDataBytes)
        {
            data = data with { SampleObservationIds = null };
        }

        return Size(data) > MaxDataBytes ? data with { Conditions = null } : data;
    }

    /// <summary>What the timeline keeps of a finding (the compliance bundle lists them per period).</summary>
    public static PricingFindingFact TimelineSummary(PricingFinding finding)
        => new(finding.ScanId, finding.ProductId, finding.Attribute, finding.Cohort.Value, finding.RelativeDifference, finding.AdjustedPValue);

    private static int Size(PricingFindingData data) => JsonSerializer.SerializeToUtf8Bytes(data, GovernanceJson.Options).Length;
}

/// <summary>The timeline's summary of a finding (<c>pricing.finding</c>).</summary>
public sealed record PricingFindingFact(string ScanId, string ProductId, string Attribute, string Cohort, double RelativeDifference, double AdjustedPValue);
