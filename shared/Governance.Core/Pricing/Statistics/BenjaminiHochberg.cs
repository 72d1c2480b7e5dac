namespace Governance.Core.Pricing.Statistics;

/// <summary>
/// Benjamini–Hochberg adjusted p-values: for the i-th smallest of m p-values, min over j ≥ i of m·p(j)/j, at most 1.
/// A test is a discovery at false-discovery rate q exactly when its adjusted p-value is ≤ q.
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>Adjusted p-values in the order of <paramref name="pValues"/> (all held in memory; the scan streams instead).</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderByDescending(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = new StepUp(m);
        foreach (var i in order)
        {
            adjusted[i] = running.Next(pValues[i]);
        }

        return adjusted;
    }

    /// <summary>
    /// The step-up pass over p-values fed from the largest to the smallest: each call returns the adjusted
    /// p-value of the next one, keeping only a running minimum, so any number of tests is adjusted in flat memory.
    /// </summary>
    public sealed class StepUp(long total)
    {
        private readonly long _total = total;
        private long _rank = total;
        private double _minimum = 1;

        public double Next(double pValue)
        {
            if (_rank <= 0)
            {
                throw new InvalidOperationException("More p-values than the total the step-up was created for.");
            }

            _minimum = Math.Min(_minimum, Math.Min(1, _total * pValue / _rank));
            _rank--;
            return _minimum;
        }
    }
}
