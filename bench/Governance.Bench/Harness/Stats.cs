namespace Governance.Bench.Harness;

/// <summary>Order statistics of one side's figures.</summary>
public static class Stats
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>The nearest-rank percentile (p in 0..100) of <paramref name="values"/>; the median averages the two middle values of an even count.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToList();
        if (p == 50)
        {
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
