using System.Text.RegularExpressions;
using Governance.Core.Audit;
using Governance.Core.Localization;
using Governance.Core.Pricing.Report;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Scans;
using NodaTime;

namespace Governance.Core.Tests.Pricing;

public sealed partial class PricingReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 2, 2, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static PricingReportModel Completed(Language language, int findings = 3)
    {
        var method = PricingMethod.Of(PricingScanHarness.Profile());
        var scan = PricingScan.Start("scan-7", ScanWindow.PreviousDay(Now), PricingScanTriggers.Schedule, AuditActor.System("test"), 1, method, Now).State;
        scan = scan.CompleteShard(0, new ShardCounts(12_345, 67, 89, findings))!.State;
        var ranked = Enumerable.Range(0, findings).Select(i => PricingScanTests.Finding("scan-7", i, effect: 0.09 - (i * 0.01))).ToList();
        scan = scan.RecordFindings(0, ranked, new ScanSummary(12_345, 67, 89, findings), Now)!.State;
        return new PricingReportModel(scan, ranked.Select((f, i) => new RankedFinding(i, f)).ToList(), Now, new ReaderLocale(language, Shanghai));
    }

    [Fact]
    public void The_report_summarises_the_scan_ranks_its_findings_and_draws_each_with_a_titled_described_chart_and_its_quantiles()
    {
        var html = PricingReport.Render(Completed(Language.English));

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Observations (each id once)</dt><dd>12,345</dd>", html, StringComparison.Ordinal);
        Assert.Equal(["1. Product", "2. Product", "3. Product"], Regex.Matches(html, "<h3 id=\"finding-\\d+-h\">(\\d\\. Product)").Select(m => m.Groups[1].Value));
        Assert.Equal(3, Regex.Matches(html, "<svg class=\"chart\"[^>]*role=\"img\" aria-labelledby=\"(finding-\\d-chart)-title \\1-desc\"").Count);
        Assert.Equal(3, Regex.Matches(html, "<title id=\"finding-\\d-chart-title\">Paid prices: deviceOs = ios against the rest of the cell</title>").Count);
        Assert.Contains("<desc id=\"finding-1-chart-desc\">The cohort&#39;s median paid price is 10.50 CNY, the rest&#39;s 10.00 CNY, a relative difference of +9.00%.", html, StringComparison.Ordinal);
        Assert.Contains("fill=\"url(#finding-1-chart-hatch)\"", html, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray=\"6 4\"", html, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Matches(html, "<tr><th scope=\"row\">(Cohort|Rest of the cell)</th>").Count);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_method_states_the_thresholds_the_scan_applied_from_its_profile()
    {
        var html = PricingReport.Render(Completed(Language.English));

        Assert.Contains("<dt>False-discovery rate q</dt><dd>0.05</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Smallest relative difference</dt><dd>2.00%</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Fewest users on each side</dt><dd>20</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Time bucket</dt><dd>1 day</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<code>accountAgeDays</code>: 30, 365", html, StringComparison.Ordinal);
        Assert.Contains("Internet Platform Pricing Rules", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chinese_reader_gets_the_chinese_chrome_and_local_times_with_the_utc_instant_kept()
    {
        var html = PricingReport.Render(Completed(Language.ChineseSimplified));

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>差别定价扫描报告</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"method-h\">方法与阈值</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-05-01T00:00:00.000Z\">2026年5月1日 08:00（UTC+8）</time>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>错误发现率 q</dt><dd>0.05</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_scan_lists_no_findings_yet_and_a_completed_one_without_findings_says_so()
    {
        var running = Completed(Language.English) with
        {
            Scan = PricingScan.Start("scan-8", ScanWindow.PreviousDay(Now), PricingScanTriggers.Api, AuditActor.System("t"), 4, PricingMethod.Of(PricingScanHarness.Profile()), Now).State,
            Findings = [],
        };
        var empty = Completed(Language.English, findings: 0);

        Assert.Contains("<p>The scan is still running; its findings are listed once it completes.</p>", PricingReport.Render(running), StringComparison.Ordinal);
        Assert.Contains("<dt>Shards done</dt><dd>0 of 4</dd>", PricingReport.Render(running), StringComparison.Ordinal);
        Assert.Contains("<p>This scan found no discriminatory pricing.</p>", PricingReport.Render(empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_from_the_data_are_encoded_and_the_policy_allows_no_script()
    {
        var model = Completed(Language.English, findings: 1);
        var hostile = model.Findings[0].Finding with { ProductId = "<script>alert(1)</script>", Attribute = "a\"onload=\"x" };
        var html = PricingReport.Render(model with { Findings = [new RankedFinding(0, hostile)] });

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("a\"onload", html, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", PricingReport.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", PricingReport.ContentSecurityPolicy, StringComparison.Ordinal);
    }
}
