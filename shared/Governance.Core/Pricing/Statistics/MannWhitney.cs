using MathNet.Numerics.Distributions;

namespace Governance.Core.Pricing.Statistics;

/// <summary>
/// Two-sided Mann–Whitney U test from a rank sum. Ties get midranks and the variance their correction
/// (<c>Σ(t³ − t)</c> over tie groups); the p-value is the normal approximation with continuity correction, or the
/// exact distribution of U when there are no ties and both samples are small.
/// </summary>
public static class MannWhitney
{
    /// <summary>Largest n1 + n2 for which the exact distribution is used (without ties).</summary>
    public const int ExactMaxTotal = 40;

    /// <param name="rankSum">Sum of the midranks of the first sample in the pooled sample.</param>
    /// <param name="n1">Size of the first sample.</param>
    /// <param name="n2">Size of the second sample.</param>
    /// <param name="tieTerm">Σ(t³ − t) over the tie groups of the pooled sample (0 without ties).</param>
    public static double PValue(double rankSum, int n1, int n2, double tieTerm)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            return 1;
        }

        var u = rankSum - (n1 * (n1 + 1.0) / 2);
        if (tieTerm == 0 && n1 + n2 <= ExactMaxTotal)
        {
            return ExactPValue((int)Math.Round(u), n1, n2);
        }

        var mean = n1 * (double)n2 / 2;
        var variance = Variance(n1, n2, tieTerm);
        if (variance <= 0)
        {
            return 1;
        }

        var z = Math.Max(0, Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * Normal.CDF(0, 1, -z));
    }

    /// <summary>Variance of U under the null hypothesis, corrected for ties: n1·n2/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))).</summary>
    public static double Variance(int n1, int n2, double tieTerm)
    {
        double n = n1 + n2;
        return n1 * (double)n2 / 12 * (n + 1 - (tieTerm / (n * (n - 1))));
    }

    /// <summary>Exact two-sided p of U = <paramref name="u"/> without ties: 2·min(P(U ≤ u), P(U ≥ u)), at most 1.</summary>
    public static double ExactPValue(int u, int n1, int n2)
    {
        var counts = ExactCounts(n1, n2);
        double total = 0, below = 0, above = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            total += counts[k];
            if (k <= u)
            {
                below += counts[k];
            }

            if (k >= u)
            {
                above += counts[k];
            }
        }

        return Math.Min(1, 2 * Math.Min(below, above) / total);
    }

    /// <summary>How many arrangements of n1 + n2 distinct values give each U = 0 … n1·n2.</summary>
    private static double[] ExactCounts(int n1, int n2)
    {
        // f[m][n] is the distribution for m and n values; f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u).
        var f = new double[n1 + 1][][];
        for (var m = 0; m <= n1; m++)
        {
            f[m] = new double[n2 + 1][];
            for (var n = 0; n <= n2; n++)
            {
                var counts = new double[(m * n) + 1];
                if (m == 0 || n == 0)
                {
                    counts[0] = 1;
                }
                else
                {
                    var withoutX = f[m - 1][n];
                    var withoutY = f[m][n - 1];
                    for (var u = 0; u < counts.Length; u++)
                    {
                        counts[u] = (u - n >= 0 && u - n < withoutX.Length ? withoutX[u - n] : 0) + (u < withoutY.Length ? withoutY[u] : 0);
                    }
                }

                f[m][n] = counts;
            }
        }

        return f[n1][n2];
    }
}
