using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Pricing.Scanning;

internal sealed partial class CellAnalyzer
{
    /// <summary>The candidate of a test: the cell, both sides' medians and distributions, and sample observation ids.</summary>
    private TestCandidate Candidate(
        ShardDayAccumulator data, CellKey cell, int name, int cohort, int cohortSize, int restSize, double cohortMedian, double restMedian, double effect, double p)
    {
        var cohortPrices = new double[cohortSize];
        var restPrices = new double[restSize];
        var samples = new List<string>(cohortSize);
        int ci = 0, ri = 0;
        for (var i = 0; i < _order.Length && ci + ri < cohortSize + restSize; i++)
        {
            var user = _order[i];
            var c = _cohortOfUser[user];
            if (c < 0)
            {
                continue;
            }

            if (c == cohort)
            {
                cohortPrices[ci++] = _sortedPrice[i];
                samples.Add(data.SlotFirstObservation[_slots[user]]);
            }
            else
            {
                restPrices[ri++] = _sortedPrice[i];
            }
        }

        samples.Sort(StringComparer.Ordinal);
        var bucketStart = new DateTimeOffset(data.DayStart, TimeSpan.Zero) + (cell.Bucket * policy.TimeBucket);
        return new TestCandidate(
            data.Products.Values[cell.Product],
            data.ConditionKeys.Values[cell.Conditions],
            cell.Quantity,
            data.Currencies.Values[cell.Currency],
            bucketStart,
            bucketStart + policy.TimeBucket,
            data.AttributeNames.Values[name],
            new FindingCohort(_cohorts.Labels[cohort], cohortSize, cohortMedian),
            new FindingRest(restSize, restMedian),
            effect,
            p,
            samples.Take(policy.SampleObservationIds).ToList(),
            PriceDistribution.Of(cohortPrices, restPrices));
    }
}
