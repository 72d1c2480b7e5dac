using ScottPlot;

namespace Governance.Bench.Harness;

/// <summary>
/// One SVG chart per benchmark (ScottPlot; SVG needs no native rendering library): for each comparison a bar at
/// its median ratio (project / baseline), a dot per round's ratio, and a red mark at its target when it has one.
/// </summary>
public static class ChartWriter
{
    public static void Write(BenchmarkReport report, string path)
    {
        var plot = new Plot();
        var comparisons = report.Comparisons;
        var positions = Enumerable.Range(0, comparisons.Count).Select(i => (double)i).ToArray();
        var bars = plot.Add.Bars(positions, [.. comparisons.Select(c => c.Ratio)]);
        bars.Color = Colors.SteelBlue.WithAlpha(0.7);
        for (var i = 0; i < comparisons.Count; i++)
        {
            var ratios = comparisons[i].RoundRatios;
            var dots = plot.Add.Markers(Enumerable.Repeat(positions[i], ratios.Count).ToArray(), ratios.ToArray());
            dots.Color = Colors.Black;
            dots.MarkerSize = 5;
            if (comparisons[i].Target?.RatioLine(comparisons[i]) is { } target)
            {
                var line = plot.Add.Line(positions[i] - 0.45, target, positions[i] + 0.45, target);
                line.Color = Colors.Red;
                line.LineWidth = 2;
            }
        }

        plot.Axes.Bottom.SetTicks(positions, [.. comparisons.Select(c => Wrap(c.Metric))]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{report.Name}: bar = median ratio, dots = rounds, red = target");
        plot.YLabel("project / baseline");
        plot.SaveSvg(path, Math.Max(760, 170 * comparisons.Count), 480);
    }

    private static string Wrap(string label)
    {
        var words = label.Split(' ');
        var lines = new List<string> { string.Empty };
        foreach (var word in words)
        {
            if (lines[^1].Length + word.Length > 22 && lines[^1].Length > 0)
            {
                lines.Add(string.Empty);
            }

            lines[^1] = lines[^1].Length == 0 ? word : lines[^1] + " " + word;
        }

        return string.Join('\n', lines);
    }
}
