namespace Governance.Core.Pricing.Statistics;

/// <summary>Quantiles of a sample of paid prices (minor units; a user's price is the median of their purchases).</summary>
public sealed record PriceQuantiles(double Min, double P10, double P25, double Median, double P75, double P90, double Max)
{
    public static PriceQuantiles Of(ReadOnlySpan<double> sorted) => new(
        sorted[0], Quantile(sorted, 0.10), Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), Quantile(sorted, 0.90), sorted[^1]);

    /// <summary>Linear interpolation between order statistics (R type 7): the median of an even sample is the mean of the middle two.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }
}

/// <summary>
/// Paid prices of a cohort and of the rest of its cell: quantiles and counts in equal-width bins, enough to draw the
/// chart of a finding without reading the observations again. The bins span the body of both samples, from the
/// lower of their 5th percentiles to the higher of their 95th, so a few heavy coupons do not squeeze the chart into
/// one bin; prices beyond are counted in the end bins (the quantiles keep the minimum and maximum).
/// </summary>
public sealed record PriceDistribution(double[] BinEdges, int[] CohortCounts, int[] RestCounts, PriceQuantiles Cohort, PriceQuantiles Rest)
{
    public const int Bins = 16;

    public static PriceDistribution Of(ReadOnlySpan<double> cohortSorted, ReadOnlySpan<double> restSorted)
    {
        var min = Math.Min(PriceQuantiles.Quantile(cohortSorted, 0.05), PriceQuantiles.Quantile(restSorted, 0.05));
        var max = Math.Max(PriceQuantiles.Quantile(cohortSorted, 0.95), PriceQuantiles.Quantile(restSorted, 0.95));
        if (max <= min)
        {
            (min, max) = (Math.Min(cohortSorted[0], restSorted[0]), Math.Max(cohortSorted[^1], restSorted[^1]));
        }

        var width = max > min ? (max - min) / Bins : 1;
        var edges = new double[Bins + 1];
        for (var i = 0; i <= Bins; i++)
        {
            edges[i] = min + (i * width);
        }

        return new PriceDistribution(edges, Count(cohortSorted, min, width), Count(restSorted, min, width), PriceQuantiles.Of(cohortSorted), PriceQuantiles.Of(restSorted));
    }

    /// <summary>Whether the first bin also holds lower prices than its edge (and the last, higher ones).</summary>
    public (bool Below, bool Above) OpenEnds() => (Math.Min(Cohort.Min, Rest.Min) < BinEdges[0], Math.Max(Cohort.Max, Rest.Max) > BinEdges[^1]);

    private static int[] Count(ReadOnlySpan<double> values, double min, double width)
    {
        var counts = new int[Bins];
        foreach (var value in values)
        {
            counts[Math.Clamp((int)((value - min) / width), 0, Bins - 1)]++;
        }

        return counts;
    }
}
