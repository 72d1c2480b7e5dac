namespace Governance.Bench.Harness;

/// <summary>
/// One measured pair: the project's path and its baseline, measured in the same rounds (<see cref="Rounds"/>). The
/// ratio is project / baseline of each round, and the reported ratio is the median of those per-round ratios, so
/// drift over the run (Azurite filling up, other work on the machine) cancels out of it. For throughputs a ratio
/// above 1 favours the project; for times (<see cref="LowerIsBetter"/>) a ratio below 1 does.
/// </summary>
public sealed record Comparison(
    string Metric,
    string Unit,
    string ProjectLabel,
    IReadOnlyList<double> Project,
    string BaselineLabel,
    IReadOnlyList<double> Baseline,
    bool LowerIsBetter = false,
    Target? Target = null,
    string? Detail = null)
{
    public double ProjectMedian => Stats.Median(Project.ToList());

    public double BaselineMedian => Stats.Median(Baseline.ToList());

    public IReadOnlyList<double> RoundRatios => [.. Project.Zip(Baseline, (p, b) => p / b)];

    public double Ratio => Stats.Median(RoundRatios.ToList());

    public int Rounds => Math.Min(Project.Count, Baseline.Count);

    /// <summary>Null when the comparison has no target (it is reported for information).</summary>
    public bool? Met => Target?.IsMet(this);
}
