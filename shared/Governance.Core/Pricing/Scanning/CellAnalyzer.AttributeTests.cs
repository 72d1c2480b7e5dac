using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Pricing.Scanning;

internal sealed partial class CellAnalyzer
{
    /// <summary>The tests of one attribute in one cell.</summary>
    private readonly struct AttributeTests(CellAnalyzer owner, ShardDayAccumulator data, CellKey cell, int name, int n, int cohorts)
    {
        public void Run(ShardTests sink)
        {
            // Midranks over the users that have the attribute, walking the price order; tie term Σ(t³ − t).
            var involved = 0;
            double tieTerm = 0;
            var rankSum = new double[cohorts];
            var size = new int[cohorts];
            for (var i = 0; i < n;)
            {
                var j = i;
                var tied = 0;
                while (j < n && owner._sortedPrice[j] == owner._sortedPrice[i])
                {
                    if (owner._cohortOfUser[owner._order[j]] >= 0)
                    {
                        tied++;
                    }

                    j++;
                }

                var midrank = involved + ((tied + 1) / 2.0);
                for (var k = i; k < j; k++)
                {
                    var cohort = owner._cohortOfUser[owner._order[k]];
                    if (cohort >= 0)
                    {
                        rankSum[cohort] += midrank;
                        size[cohort]++;
                    }
                }

                tieTerm += ((double)tied * tied * tied) - tied;
                involved += tied;
                i = j;
            }

            var medians = new double[cohorts];
            for (var c = 0; c < cohorts; c++)
            {
                medians[c] = Median(c, inCohort: true);
            }

            for (var c = 0; c < cohorts; c++)
            {
                if (cohorts == 2 && c != Reported(medians, size))
                {
                    continue;
                }

                var rest = involved - size[c];
                if (size[c] < owner.PolicyMinimum || rest < owner.PolicyMinimum)
                {
                    continue;
                }

                var p = MannWhitney.PValue(rankSum[c], size[c], rest, tieTerm);
                var restMedian = Median(c, inCohort: false);
                var effect = restMedian > 0 ? (medians[c] - restMedian) / restMedian : 0;
                sink.Add(p, Math.Abs(effect) >= owner.PolicyMinimumEffect ? owner.Candidate(data, cell, name, c, size[c], rest, medians[c], restMedian, effect, p) : null);
            }
        }

        /// <summary>Of two cohorts, the one paying more (then the smaller, then the first label).</summary>
        private int Reported(double[] medians, int[] size)
            => medians[0] != medians[1] ? (medians[0] > medians[1] ? 0 : 1)
                : size[0] != size[1] ? (size[0] < size[1] ? 0 : 1)
                : string.CompareOrdinal(owner._cohorts.Labels[0], owner._cohorts.Labels[1]) <= 0 ? 0 : 1;

        private double Median(int cohort, bool inCohort)
        {
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var c = owner._cohortOfUser[owner._order[i]];
                if (c >= 0 && (c == cohort) == inCohort)
                {
                    count++;
                }
            }

            if (count == 0)
            {
                return 0;
            }

            int low = (count - 1) / 2, high = count / 2, seen = 0;
            double lowValue = 0;
            for (var i = 0; i < n; i++)
            {
                var c = owner._cohortOfUser[owner._order[i]];
                if (c >= 0 && (c == cohort) == inCohort)
                {
                    if (seen == low)
                    {
                        lowValue = owner._sortedPrice[i];
                    }

                    if (seen == high)
                    {
                        return (lowValue + owner._sortedPrice[i]) / 2;
                    }

                    seen++;
                }
            }

            return lowValue;
        }
    }
}
