using System.Net;
using System.Net.Http.Headers;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Governance.Functions.Tests.Onboarding.OnboardingDriver;

namespace Governance.Functions.Tests.Onboarding;

/// <summary>
/// The report as a developer opens it in Chromium: each finding beside its highlighted quote, the chrome in Chinese
/// or English by <c>Accept-Language</c> with rule titles from the clause library, no script, readable on a phone, and
/// axe-core finds no serious or critical violation in either language.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OnboardingReportBrowserTests(GovernanceHostFixture fixture, ITestOutputHelper output)
{
    private readonly OnboardingDriver _driver = new(fixture);

    [Fact]
    public async Task The_report_is_json_by_default_and_html_in_the_readers_language_when_asked()
    {
        var developer = await _driver.DeveloperAsync();
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(), Utf8(CompleteEnglish));
        await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        var path = $"api/onboarding/requests/{requestId}/report";

        var json = await _driver.GetAsDeveloperAsync(path, developer.ApiKey);
        Assert.Equal("application/json", json.ContentType);
        Assert.Equal(requestId, json.Json.GetProperty("requestId").GetString());

        var request = ApiClient.Get(path).AsDeveloper(developer.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("Accept", response.Headers.Vary);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [SkippableFact]
    public async Task A_chinese_and_an_english_reader_see_each_finding_beside_its_highlighted_quote_and_axe_finds_nothing_serious()
    {
        Chromium.RequireOrSkip();
        var developer = await _driver.DeveloperAsync();
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, ChineseManifest(), Utf8(CompleteChinese));
        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        Assert.Equal("approved", view.GetProperty("status").GetString());
        var first = view.GetProperty("findings")[0];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var zh = await OpenAsync(browser, requestId, developer.ApiKey, "zh-CN", "zh-CN,zh;q=0.9,en;q=0.5");
        Assert.Equal("zh-CN", await zh.GetAttributeAsync("html", "lang"));
        Assert.Equal("审核结果", await zh.InnerTextAsync("#findings h2"));
        Assert.Equal("已批准", await zh.InnerTextAsync("dl.facts dd strong"));
        Assert.Equal(10, await zh.Locator("article.finding").CountAsync());
        Assert.Equal(first.GetProperty("title").GetProperty("zh").GetString(), await zh.InnerTextAsync("article.finding h3 >> nth=0"));
        Assert.Equal(10, await zh.Locator("article.finding blockquote[lang='zh-CN'] mark").CountAsync());
        Assert.Equal(first.GetProperty("evidence").GetProperty("quote").GetString(), await zh.InnerTextAsync("article.finding mark >> nth=0"));
        Assert.Equal(0, await zh.EvaluateAsync<int>("document.scripts.length"));
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(zh);
        await ScreenshotAsync(zh, "onboarding-report-zh-CN.png");

        var en = await OpenAsync(browser, requestId, developer.ApiKey, "en-US", "en-US,en;q=0.9");
        Assert.Equal("en", await en.GetAttributeAsync("html", "lang"));
        Assert.Equal("Findings", await en.InnerTextAsync("#findings h2"));
        Assert.Equal("approved", await en.InnerTextAsync("dl.facts dd strong"));
        Assert.Equal(first.GetProperty("title").GetProperty("en").GetString(), await en.InnerTextAsync("article.finding h3 >> nth=0"));
        Assert.Equal(await zh.GetAttributeAsync("time >> nth=0", "datetime"), await en.GetAttributeAsync("time >> nth=0", "datetime"));
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(en);

        // On a phone: one column, nothing wider than the screen.
        var phone = await OpenAsync(browser, requestId, developer.ApiKey, "zh-CN", "zh-CN", new ViewportSize { Width = 360, Height = 740 });
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the report scrolls sideways on a phone");
        var columns = await phone.EvaluateAsync<string>("getComputedStyle(document.querySelector('article.finding')).gridTemplateColumns");
        Assert.DoesNotContain(' ', columns.Trim());
        await ScreenshotAsync(phone, "onboarding-report-phone.png");
    }

    [SkippableFact]
    public async Task Findings_without_a_quote_say_so_and_problems_are_marked_in_both_languages()
    {
        Chromium.RequireOrSkip();
        var developer = await _driver.DeveloperAsync();
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(), Corpus("files/en-04-missing.md"), "en-04-missing.md");
        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        Assert.Equal("changes_requested", view.GetProperty("status").GetString());
        var missing = view.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("status").GetString() == "missing");
        var declared = view.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("status").GetString() is "violated" or "rejected");
        Assert.True(declared >= 1, "the corpus contract's scope does not cover the manifest's purpose: " + view);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        foreach (var (locale, accept, noQuote, fromManifest, status) in new[]
                 {
                     ("en-US", "en", "The contract has no clause to quote for this rule.", "This finding rests on what the manifest declares.", "changes requested"),
                     ("zh-CN", "zh-CN", "合同中没有可引用的相应条款。", "本项依据的是申报清单中的申报内容。", "需修改"),
                 })
        {
            var page = await OpenAsync(browser, requestId, developer.ApiKey, locale, accept);
            Assert.Equal(status, await page.InnerTextAsync("dl.facts dd strong"));
            Assert.Equal(missing, await page.Locator($"article.finding.problem p:text-is('{noQuote}')").CountAsync());
            Assert.Equal(declared, await page.Locator($"article.finding.problem p:text-is('{fromManifest}')").CountAsync());
            Assert.Equal(view.GetProperty("findings").GetArrayLength() - missing - declared, await page.Locator("article.finding mark").CountAsync());
            await Chromium.AssertNoSeriousAccessibilityViolationsAsync(page);
        }
    }

    private async Task<IPage> OpenAsync(IBrowser browser, string requestId, string apiKey, string locale, string acceptLanguage, ViewportSize? viewport = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            Locale = locale,
            ViewportSize = viewport,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = acceptLanguage, ["X-Api-Key"] = apiKey },
        });
        var response = await page.GotoAsync(new Uri(fixture.Client.BaseAddress!, $"api/onboarding/requests/{requestId}/report").AbsoluteUri);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
