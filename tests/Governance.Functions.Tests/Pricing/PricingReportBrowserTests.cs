using System.Globalization;
using System.Net;
using Governance.Core.Pricing.Report;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Pricing;

/// <summary>
/// A Chinese and an English reader open the report of a scan with findings in Chromium (as an auditor): each gets
/// the chrome in their language with its <c>lang</c>, local times, one chart per finding named by its title and
/// description, the method's thresholds, no script, and axe-core finds no serious or critical violation, also on a phone.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class PricingReportBrowserTests(GovernanceHostFixture fixture, ITestOutputHelper output)
{
    private readonly PricingApi _api = new(fixture);

    [Fact]
    public async Task The_report_is_served_in_the_readers_language_with_its_security_headers_and_unknown_scans_are_404_problems()
    {
        var scanned = await _api.PlantedAsync();

        using var zh = await _api.GetAsync($"api/pricing/scans/{scanned.ScanId}/report", StaffRoles.Auditor, "zh-CN,zh;q=0.9");
        using var en = await _api.GetAsync($"api/pricing/scans/{scanned.ScanId}/report", StaffRoles.Auditor, "en-GB,en;q=0.8");
        using var unknown = await _api.GetAsync("api/pricing/scans/scan-does-not-exist/report", StaffRoles.Auditor);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (zh.StatusCode, en.StatusCode));
        Assert.Equal("zh-CN", zh.Content.Headers.ContentLanguage.Single());
        Assert.Equal("en", en.Content.Headers.ContentLanguage.Single());
        Assert.Contains("Accept-Language", en.Headers.Vary);
        Assert.Equal(PricingReport.ContentSecurityPolicy, en.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<html lang=\"zh-CN\">", await zh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task A_chinese_and_an_english_reader_each_get_their_report_with_accessible_charts_and_axe_finds_nothing_serious()
    {
        Chromium.RequireOrSkip();
        var scanned = await _api.PlantedAsync();
        var findings = scanned.Findings.Count;
        Assert.True(findings >= 3, $"the planted scan has {findings} findings");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var zh = await OpenAsync(browser, scanned.ScanId, "zh-CN,zh;q=0.9,en;q=0.5", phone: false);
        Assert.Equal("zh-CN", await zh.GetAttributeAsync("html", "lang"));
        Assert.Equal("差别定价扫描报告", await zh.InnerTextAsync("h1"));
        Assert.Equal("方法与阈值", await zh.InnerTextAsync("#method h2"));
        Assert.Equal(Math.Min(findings, PricingReport.MaxFindings), await zh.Locator("svg.chart[role=img]").CountAsync());
        var chart = zh.Locator("svg.chart").First;
        var labelled = (await chart.GetAttributeAsync("aria-labelledby"))!.Split(' ');
        Assert.StartsWith("实付价分布", await zh.Locator("#" + labelled[0]).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("中位数", await zh.Locator("#" + labelled[1]).TextContentAsync(), StringComparison.Ordinal);
        var start = zh.Locator("#summary time").First;
        var startedAt = DateTimeOffset.Parse((await start.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{startedAt.Year}年{startedAt.Month}月{startedAt.Day}日 {startedAt:HH:mm}（UTC+8）"), await start.InnerTextAsync());
        Assert.Equal(0, await zh.Locator("script").CountAsync());
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(zh);
        await ScreenshotAsync(zh, "pricing-report-zh-CN.png");

        var en = await OpenAsync(browser, scanned.ScanId, "en-US,en;q=0.9", phone: true);
        Assert.Equal("en", await en.GetAttributeAsync("html", "lang"));
        Assert.Equal("Method and thresholds", await en.InnerTextAsync("#method h2"));
        Assert.Contains("0.05", await en.InnerTextAsync("#method"), StringComparison.Ordinal);
        var overflow = await en.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the report scrolls sideways on a phone");
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(en);
        await ScreenshotAsync(en, "pricing-report-en-phone.png");
    }

    private async Task<IPage> OpenAsync(IBrowser browser, string scanId, string acceptLanguage, bool phone)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 375, Height = 740 } : null,
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                ["Accept-Language"] = acceptLanguage,
                ["Authorization"] = "Bearer " + fixture.StaffToken(StaffRoles.Auditor),
            },
        });
        var response = await page.GotoAsync(new Uri(fixture.Client.BaseAddress!, $"api/pricing/scans/{scanId}/report").AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
