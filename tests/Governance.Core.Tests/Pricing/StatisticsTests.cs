using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Tests.Pricing;

public sealed class StatisticsTests
{
    /// <summary>Midranks of the pooled sample, the first sample's rank sum and Σ(t³ − t).</summary>
    private static (double RankSum, double TieTerm) Ranks(double[] x, double[] y)
    {
        var pooled = x.Select(v => (v, First: true)).Concat(y.Select(v => (v, First: false))).OrderBy(p => p.v).ToArray();
        double rankSum = 0, tieTerm = 0;
        for (var i = 0; i < pooled.Length;)
        {
            var j = i;
            while (j < pooled.Length && pooled[j].v == pooled[i].v)
            {
                j++;
            }

            var t = j - i;
            rankSum += pooled[i..j].Count(p => p.First) * (i + 1 + j) / 2.0;
            tieTerm += ((double)t * t * t) - t;
            i = j;
        }

        return (rankSum, tieTerm);
    }

    /// <summary>Every way to choose which n1 of the pooled values form the first sample.</summary>
    private static IEnumerable<int[]> Choices(int n, int k, int start = 0)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = start; i <= n - k; i++)
        {
            foreach (var rest in Choices(n, k - 1, i + 1))
            {
                yield return [i, .. rest];
            }
        }
    }

    [Fact]
    public void Completely_separated_small_samples_get_the_exact_p_value()
    {
        var (rankSum, ties) = Ranks([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);

        // U = 0 has probability 1 / C(10, 5) = 1/252 on each side.
        Assert.Equal(2.0 / 252, MannWhitney.PValue(rankSum, 5, 5, ties), 12);
    }

    [Fact]
    public void The_exact_p_value_matches_a_full_enumeration()
    {
        double[] pooled = [3, 9, 1, 14, 7, 12, 5, 10, 2];
        double[] x = [9, 14, 12, 10];
        var observed = Ranks(x, pooled.Except(x).ToArray()).RankSum - 10;
        var us = Choices(9, 4).Select(c => Ranks([.. c.Select(i => pooled[i])], [.. pooled.Where((_, i) => !c.Contains(i))]).RankSum - 10).ToList();
        var expected = 2 * Math.Min(us.Count(u => u <= observed), us.Count(u => u >= observed)) / (double)us.Count;

        Assert.Equal(Math.Min(1, expected), MannWhitney.ExactPValue((int)observed, 4, 5), 12);
    }

    [Fact]
    public void The_tie_corrected_variance_is_the_variance_of_U_over_all_assignments()
    {
        // Heavy ties, as coupon-free purchases at the list price make them.
        double[] pooled = [100, 100, 100, 100, 95, 95, 90, 100, 80, 95];
        const int n1 = 4;
        var us = Choices(pooled.Length, n1)
            .Select(c => Ranks([.. c.Select(i => pooled[i])], [.. pooled.Where((_, i) => !c.Contains(i))]).RankSum - (n1 * (n1 + 1) / 2.0))
            .ToList();
        var mean = us.Average();
        var variance = us.Sum(u => (u - mean) * (u - mean)) / us.Count;

        Assert.Equal(variance, MannWhitney.Variance(n1, pooled.Length - n1, Ranks(pooled, []).TieTerm), 9);
        Assert.True(variance < MannWhitney.Variance(n1, pooled.Length - n1, 0));
    }

    [Fact]
    public void The_normal_approximation_uses_the_continuity_correction_and_is_two_sided()
    {
        var x = Enumerable.Range(0, 30).Select(i => (double)(2 * i)).ToArray();
        var y = Enumerable.Range(0, 30).Select(i => (double)((2 * i) + 1 + (i < 10 ? 20 : 0))).ToArray();
        var (rankSum, ties) = Ranks(x, y);
        var u = rankSum - (30 * 31 / 2.0);
        var z = (Math.Abs(u - 450) - 0.5) / Math.Sqrt(MannWhitney.Variance(30, 30, ties));

        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -z), MannWhitney.PValue(rankSum, 30, 30, ties), 12);
        Assert.Equal(MannWhitney.PValue(rankSum, 30, 30, ties), MannWhitney.PValue((60 * 61 / 2.0) - rankSum, 30, 30, ties), 12);
    }

    [Fact]
    public void All_prices_equal_give_no_evidence()
    {
        var (rankSum, ties) = Ranks(Enumerable.Repeat(100.0, 25).ToArray(), Enumerable.Repeat(100.0, 30).ToArray());

        Assert.Equal(1, MannWhitney.PValue(rankSum, 25, 30, ties));
    }

    [Fact]
    public void Benjamini_Hochberg_adjusts_by_rank_and_keeps_the_order_monotone()
    {
        var adjusted = BenjaminiHochberg.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal([0.02, 0.04, 0.04, 0.02], adjusted.Select(a => Math.Round(a, 12)));
    }

    [Fact]
    public void Benjamini_Hochberg_never_adjusts_above_one()
        => Assert.All(BenjaminiHochberg.Adjust([0.9, 0.95, 1.0, 0.5]), a => Assert.True(a <= 1));

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        var q = PriceQuantiles.Of([10, 20, 30, 40]);

        Assert.Equal((10, 25, 40), (q.Min, q.Median, q.Max));
        Assert.Equal(17.5, q.P25, 9);
    }

    [Fact]
    public void A_distribution_counts_every_price_of_both_sides_in_shared_bins_over_the_body_of_the_prices()
    {
        double[] cohort = [.. Enumerable.Range(0, 100).Select(i => 1000.0 + i), 10];
        double[] rest = [.. Enumerable.Range(0, 100).Select(i => 950.0 + i)];
        Array.Sort(cohort);

        var d = PriceDistribution.Of(cohort, rest);

        Assert.Equal(PriceDistribution.Bins + 1, d.BinEdges.Length);
        Assert.Equal(PriceQuantiles.Quantile(rest, 0.05), d.BinEdges[0], 9);
        Assert.Equal(PriceQuantiles.Quantile(cohort, 0.95), d.BinEdges[^1], 9);
        Assert.Equal((101, 100), (d.CohortCounts.Sum(), d.RestCounts.Sum()));
        Assert.True(d.CohortCounts[0] >= 1, "the heavy coupon (10) is counted in the first bin");
        Assert.Equal((10.0, 1099.0), (d.Cohort.Min, d.Cohort.Max));
        Assert.Equal((true, true), d.OpenEnds());
    }

    [Fact]
    public void A_distribution_of_nearly_equal_prices_falls_back_to_their_whole_range()
    {
        double[] cohort = [.. Enumerable.Repeat(100.0, 40), 150];
        double[] rest = [50, .. Enumerable.Repeat(100.0, 40)];

        var d = PriceDistribution.Of(cohort, rest);

        Assert.Equal((50, 150), (d.BinEdges[0], d.BinEdges[^1]));
        Assert.Equal((41, 41), (d.CohortCounts.Sum(), d.RestCounts.Sum()));
        Assert.Equal((false, false), d.OpenEnds());
    }
}
