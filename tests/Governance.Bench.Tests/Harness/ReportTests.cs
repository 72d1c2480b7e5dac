using Governance.Bench.Harness;

namespace Governance.Bench.Tests.Harness;

public sealed class ReportTests
{
    private static readonly BenchmarkReport Report = new(
        "Claim intake",
        "2000 requests a round.",
        [
            new Comparison("intake", "claims/s", "webhooks", [600, 650, 700, 620, 640], "raw", [1000, 1000, 1000, 1000, 1000], Target: Target.RatioAtLeast(0.7), Detail: "p99 12 ms"),
            new Comparison("one chain", "appends/s", "8 writers", [100, 100, 100, 100, 100], "1 writer", [50, 50, 50, 50, 50]),
        ],
        ["A note."])
    {
        Name = "claims",
        Duration = TimeSpan.FromSeconds(42),
        Memory = new MemoryPeak(300L << 20, 120L << 20, WorkingSetIsOwn: true),
    };

    [Fact]
    public void A_section_has_a_row_per_comparison_with_both_medians_the_ratio_and_whether_the_target_is_met()
    {
        var section = MarkdownReport.Section(Report, chart: "claims.svg");

        Assert.Contains("| intake | 640 claims/s (webhooks) | 1,000 claims/s (raw) | 0.64 | 5 | ratio ≥ 0.7 | **NOT met** |", section);
        Assert.Contains("| one chain | 100 appends/s (8 writers) | 50.0 appends/s (1 writer) | 2.00 | 5 | – | – |", section);
        Assert.Contains("- intake: p99 12 ms", section);
        Assert.Contains("- A note.", section);
        Assert.Contains("peak working set 300 MiB, peak GC heap 120 MiB; ran 42 s.", section);
        Assert.Contains("![claims](claims.svg)", section);
    }

    [Fact]
    public void The_document_describes_the_machine_and_lists_every_target()
    {
        var machine = new MachineInfo("Linux", "AMD EPYC", 2, 24L << 30, ".NET 10.0.0", "3.37.0", new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero), "1.5");
        var failed = new BenchmarkReport("Audit", string.Empty, [], []) { Name = "audit", Error = "InvalidOperationException: boom" };

        var document = MarkdownReport.Document(machine, "bench all", [Report, failed], TimeSpan.FromMinutes(3));

        Assert.Contains("| CPU | AMD EPYC, 2 logical cores |", document);
        Assert.Contains("| Memory | 24.0 GiB |", document);
        Assert.Contains("| Azurite | 3.37.0 (in-memory persistence) |", document);
        Assert.Contains("| Date | 2026-12-07 01:00 UTC |", document);
        Assert.Contains("| claims | intake | 0.64 | ratio ≥ 0.7 | **NOT met** |", document);
        Assert.DoesNotContain("| claims | one chain |", document);
        Assert.Contains("| audit | (failed) | | | **failed** |", document);
        Assert.Contains("InvalidOperationException: boom", document);
    }

    [Fact]
    public void The_chart_is_an_svg_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-chart-{Guid.NewGuid():n}.svg");
        try
        {
            ChartWriter.Write(Report, path);

            var svg = File.ReadAllText(path);
            Assert.Contains("<svg", svg);
            Assert.Contains("</svg>", svg);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_progress_line_is_rewritten_in_place_on_a_terminal_and_one_line_a_step_otherwise()
    {
        var terminal = new StringWriter();
        var log = new StringWriter();
        var interactive = new Progress(terminal, interactive: true);
        var plain = new Progress(log, interactive: false);

        foreach (var progress in new[] { interactive, plain })
        {
            progress.Report("claims", "round 1/5");
            progress.Report("claims", "round 2/5");
            progress.Done();
        }

        Assert.Equal(2, terminal.ToString().Count(c => c == '\r'));
        Assert.Equal(1, terminal.ToString().Count(c => c == '\n'));
        Assert.Equal(2, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain('\r', log.ToString());
    }
}
