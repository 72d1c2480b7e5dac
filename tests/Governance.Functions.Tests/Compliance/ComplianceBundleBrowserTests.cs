using System.Globalization;
using System.Net;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Compliance;

/// <summary>
/// An auditor reading the bundle in Chromium in Chinese and in English, on a phone-sized screen: the chrome in
/// each language with the right <c>lang</c>, times in China Standard Time with the UTC instant kept, nothing wider
/// than the screen, and axe-core finds no serious or critical violation.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ComplianceBundleBrowserTests(GovernanceHostFixture fixture, ITestOutputHelper output)
{
    private readonly ComplianceApi _api = new(fixture);

    [SkippableTheory]
    [InlineData("zh-CN", "zh-CN,zh;q=0.9,en;q=0.8", "合规记录汇总", "数据出境", "安全事件")]
    [InlineData("en", "en-US,en;q=0.9", "Compliance bundle", "Cross-border transfers", "Incidents")]
    public async Task An_auditor_reads_the_bundle_on_a_phone_in_chinese_or_english_and_axe_finds_nothing_serious(
        string language, string acceptLanguage, string title, string exportsHeading, string incidentsHeading)
    {
        Chromium.RequireOrSkip();
        var scenario = await BundleScenario.CreateAsync(fixture, _api);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            Locale = language,
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                ["Accept-Language"] = acceptLanguage,
                ["Authorization"] = "Bearer " + _api.Token(StaffRoles.Auditor),
            },
        });
        var response = await page.GotoAsync(new Uri(fixture.Client.BaseAddress!, $"api/reports/compliance?{scenario.Query}").AbsoluteUri);

        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(title, await page.InnerTextAsync("h1"));
        Assert.Equal(exportsHeading, await page.InnerTextAsync("#exports h2"));
        Assert.Equal(incidentsHeading, await page.InnerTextAsync("#incidents h2"));
        Assert.Contains(scenario.ExportId, await page.InnerTextAsync("#exports"), StringComparison.Ordinal);
        Assert.Contains(scenario.MissedIncidentId, await page.InnerTextAsync("#incidents"), StringComparison.Ordinal);
        var generated = page.Locator("header time").Nth(2);
        var instant = DateTimeOffset.Parse((await generated.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        Assert.Contains("UTC+8", await generated.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(instant.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture), await generated.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The page is wider than a phone screen.");
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(page);

        var path = Path.Combine(AppContext.BaseDirectory, $"compliance-bundle-{language}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
