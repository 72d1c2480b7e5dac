using System.Globalization;
using System.Text;

namespace Governance.Bench.Harness;

/// <summary>The results as Markdown: one section per benchmark (also what the console shows) and the whole <c>latest.md</c>.</summary>
public static class MarkdownReport
{
    public static string Document(MachineInfo machine, string command, IReadOnlyList<BenchmarkReport> reports, TimeSpan total)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"`{command}`: {reports.Count} benchmarks in {total.TotalMinutes:F1} min. ");
        text.AppendLine("Every figure is a median of the rounds; every ratio is the median of the per-round ratios of the project's path to its baseline, measured in the same process, on the same Azurite, in alternating order. Absolute figures depend on the machine and its load; the ratios are what to compare.").AppendLine();
        text.AppendLine("| Machine | |").AppendLine("|---|---|");
        foreach (var (name, value) in machine.Rows())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| Load average at end | {MachineInfo.LoadAverageNow()} |").AppendLine();
        text.AppendLine("## Targets").AppendLine();
        text.AppendLine("| Benchmark | Measure | Ratio | Target | Met |").AppendLine("|---|---|---|---|---|");
        foreach (var report in reports)
        {
            if (report.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {report.Name} | (failed) | | | **failed** |");
            }

            foreach (var c in report.Comparisons.Where(c => c.Target is not null))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {report.Name} | {c.Metric} | {Figures.Ratio(c.Ratio)} | {c.Target!.Describe(c)} | {Figures.Met(c.Met)} |");
            }
        }

        foreach (var report in reports)
        {
            text.AppendLine().Append(Section(report, chart: $"{report.Name}.svg"));
        }

        return text.ToString();
    }

    public static string Section(BenchmarkReport report, string? chart = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {report.Name}: {report.Title}").AppendLine();
        if (report.Error is not null)
        {
            return text.AppendLine(CultureInfo.InvariantCulture, $"Failed after {report.Duration.TotalSeconds:F0} s: {report.Error}").ToString();
        }

        text.AppendLine(report.Setup).AppendLine();
        text.AppendLine("| Measure | Project | Baseline | Ratio | Rounds | Target | Met |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var c in report.Comparisons)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Metric} | {Figures.Format(c.ProjectMedian)} {c.Unit} ({c.ProjectLabel}) | {Figures.Format(c.BaselineMedian)} {c.Unit} ({c.BaselineLabel}) | {Figures.Ratio(c.Ratio)} | {c.Rounds} | {c.Target?.Describe(c) ?? "–"} | {Figures.Met(c.Met)} |");
        }

        text.AppendLine();
        foreach (var c in report.Comparisons.Where(c => c.Detail is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {c.Metric}: {c.Detail}");
        }

        foreach (var note in report.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- {report.Memory?.Describe() ?? "memory not measured"}; ran {report.Duration.TotalSeconds:F0} s.");
        if (chart is not null)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![{report.Name}]({chart})");
        }

        return text.ToString();
    }
}
