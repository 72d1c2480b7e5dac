using System.Globalization;
using System.Net;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>
/// A Chinese and an English reader open the same page in Chromium: each sees the chrome in their language
/// with the right <c>lang</c>, times in China Standard Time, the text in the disclosure's declared language,
/// and axe-core finds no serious or critical accessibility violation in either.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosurePageLanguageBrowserTests(GovernanceHostFixture fixture, ITestOutputHelper output)
{
    private const string Kind = "privacy-policy";
    private readonly DisclosureApi _api = new(fixture);

    [SkippableFact]
    public async Task A_chinese_reader_and_an_english_reader_each_get_their_chrome_lang_and_local_times_and_axe_finds_nothing_serious()
    {
        Chromium.RequireOrSkip();
        var published = await PublishCurrentAsync(language: "zh-CN");
        var effectiveFrom = published.GetProperty("effectiveFrom").GetDateTimeOffset();
        var china = effectiveFrom.ToOffset(TimeSpan.FromHours(8));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var zh = await OpenAsync(browser, "zh-CN", "zh-CN,zh;q=0.9,en;q=0.8");
        Assert.Equal("zh-CN", await zh.GetAttributeAsync("html", "lang"));
        Assert.Equal("zh-CN", await zh.GetAttributeAsync("article", "lang"));
        Assert.Equal("zh-CN", await zh.GetAttributeAsync("h1", "lang"));
        Assert.Equal("本规则如何制定", await zh.InnerTextAsync("#formulation h2"));
        Assert.Equal("版本历史", await zh.InnerTextAsync("#history h2"));
        Assert.Equal("跳到正文", await zh.InnerTextAsync("a.skip"));
        var zhTime = zh.Locator("header time").First;
        Assert.Equal(effectiveFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), await zhTime.GetAttributeAsync("datetime"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{china.Year}年{china.Month}月{china.Day}日 {china:HH:mm}（UTC+8）"), await zhTime.InnerTextAsync());
        Assert.Contains("我们如何处理您的个人信息", await zh.InnerTextAsync("article"), StringComparison.Ordinal);
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(zh);
        await ScreenshotAsync(zh, "disclosure-page-zh-CN.png");

        var en = await OpenAsync(browser, "en-US", "en-US,en;q=0.9");
        Assert.Equal("en", await en.GetAttributeAsync("html", "lang"));
        Assert.Equal("zh-CN", await en.GetAttributeAsync("article", "lang"));
        Assert.Equal("How this was formulated", await en.InnerTextAsync("#formulation h2"));
        Assert.Equal("Version history", await en.InnerTextAsync("#history h2"));
        var enTime = en.Locator("header time").First;
        Assert.Equal(await zhTime.GetAttributeAsync("datetime"), await enTime.GetAttributeAsync("datetime"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{china.Day} {china:MMMM yyyy, HH:mm} (UTC+8)"), await enTime.InnerTextAsync());
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(en);
        await ScreenshotAsync(en, "disclosure-page-en.png");
    }

    [SkippableTheory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Text_without_a_declared_language_is_marked_unknown_for_every_reader_while_the_chrome_keeps_its_own(string reader)
    {
        Chromium.RequireOrSkip();
        await PublishCurrentAsync(language: null);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await OpenAsync(browser, reader, reader);

        // lang="" is HTML's "unknown": the Chinese text must not inherit the reader's language from <html lang>.
        Assert.Equal(reader, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(string.Empty, await page.GetAttributeAsync("article", "lang"));
        Assert.Equal(string.Empty, await page.GetAttributeAsync("h1", "lang"));
        Assert.Equal(string.Empty, await page.GetAttributeAsync("#formulation div", "lang"));
        await Chromium.AssertNoSeriousAccessibilityViolationsAsync(page);
    }

    private async Task<JsonElement> PublishCurrentAsync(string? language)
    {
        await _api.EnsureCurrentAsync(Kind);
        var body = DisclosureApi.Draft(Kind, "隐私政策 " + Guid.NewGuid().ToString("N")[..6], "# 我们如何处理您的个人信息\n\n我们只为本政策所述目的处理个人信息。\n\n## 您的权利\n\n- 查阅和复制\n- 更正和删除\n", _api.AfterNotice);
        body["formulationProcedure"] = "经过 30 天公开征求意见后由治理委员会批准。";
        if (language is not null)
        {
            body["language"] = language;
        }

        var draft = await _api.CreateDraftAsync(Kind, body);
        var response = await _api.PublishAsync(Kind, draft.GetProperty("draftId").GetString()!);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var published = await DisclosureApi.ReadJsonAsync(response);
        fixture.Clock.Advance(published.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromMinutes(1));
        return published;
    }

    private async Task<IPage> OpenAsync(IBrowser browser, string locale, string acceptLanguage)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = acceptLanguage },
        });
        var response = await page.GotoAsync(new Uri(fixture.Client.BaseAddress!, $"api/public/disclosures/{Kind}/page").AbsoluteUri);
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
