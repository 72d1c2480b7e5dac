namespace Governance.Bench.Harness;

/// <summary>
/// What a benchmark gets from the harness: its options, the progress line, and the one way to measure: rounds in
/// which every side runs once, in an order that rotates from round to round (with two sides: alternating who goes
/// first), so a drift over the run (Azurite filling up, other work on the machine) affects both sides alike.
/// </summary>
public sealed class BenchContext(string benchmark, BenchArgs args, Progress progress)
{
    public BenchArgs Args { get; } = args;

    public bool Quick => Args.Quick;

    public void Report(string step) => progress.Report(benchmark, step);

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds (at least 5) of every side, round r starting with side r mod n, and
    /// returns each side's figures in round order.
    /// </summary>
    public async Task<IReadOnlyList<double>[]> AlternateAsync(string step, int rounds, params Side[] sides)
    {
        if (rounds < 5)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "Medians need at least 5 rounds.");
        }

        var figures = sides.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var turn = 0; turn < sides.Length; turn++)
            {
                var side = (round + turn) % sides.Length;
                Report($"{step}: round {round + 1}/{rounds}, {sides[side].Label}");
                figures[side].Add(await sides[side].Measure(round));
            }
        }

        return figures;
    }

    /// <summary>The two-sided case: the project's path against its baseline, as one <see cref="Comparison"/>.</summary>
    public async Task<Comparison> CompareAsync(string metric, string unit, int rounds, Side project, Side baseline, bool lowerIsBetter = false, Target? target = null)
    {
        var figures = await AlternateAsync(metric, rounds, project, baseline);
        return new Comparison(metric, unit, project.Label, figures[0], baseline.Label, figures[1], lowerIsBetter, target);
    }
}
