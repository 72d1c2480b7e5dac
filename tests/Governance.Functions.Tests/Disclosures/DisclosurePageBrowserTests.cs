using System.Net;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>The public page in real headless Chromium (see <see cref="Chromium"/> for when it is skipped), read in English.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosurePageBrowserTests(GovernanceHostFixture fixture, ITestOutputHelper output)
{
    private readonly DisclosureApi _api = new(fixture);

    [SkippableFact]
    public async Task The_page_renders_the_version_in_force_and_injected_script_never_runs()
    {
        Chromium.RequireOrSkip();

        const string kind = "algorithm-strategy";
        var marker = Guid.NewGuid().ToString("N")[..10];
        var content =
            $"# How we rank the feed\n\nWe rank items by **relevance** ({marker}).\n\n" +
            "## What you can do\n\n- Switch off personalisation in *Settings*.\n- Ask us why you saw an item.\n\n" +
            "<script>window.__pwned = true; document.title = 'pwned';</script>\n\n" +
            "<img src=\"x\" onerror=\"window.__pwned = true\">\n\n" +
            "[click me](javascript:window.__pwned=true) and [an ordinary link](https://example.org/rules).\n";
        await _api.EnsureCurrentAsync(kind);
        var published = await _api.PublishNewAsync(kind, content, _api.AfterNotice, $"Feed ranking strategy {marker}");
        var version = published.GetProperty("version").GetInt32();
        var sha256 = published.GetProperty("sha256").GetString()!;
        fixture.Clock.Advance(published.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromMinutes(1));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en-GB,en;q=0.9" },
        });
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        var url = new Uri(fixture.Client.BaseAddress!, $"api/public/disclosures/{kind}/page");
        var response = await page.GotoAsync(url.AbsoluteUri);
        Assert.NotNull(response);
        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);

        Assert.Equal($"Feed ranking strategy {marker}", await page.InnerTextAsync("h1"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("main").CountAsync());
        Assert.Contains($"We rank items by relevance ({marker})", await page.InnerTextAsync("article"), StringComparison.Ordinal);
        Assert.Equal("What you can do", await page.InnerTextAsync("article h3"));
        Assert.Contains("30-day public consultation", await page.InnerTextAsync("#formulation"), StringComparison.Ordinal);
        Assert.Contains("dispute panel within 15 days", await page.InnerTextAsync("#adjudication"), StringComparison.Ordinal);
        Assert.Contains("watch time", await page.InnerTextAsync("#algorithm"), StringComparison.Ordinal);

        var history = await page.InnerTextAsync("#history");
        Assert.Contains(sha256, history, StringComparison.Ordinal);
        Assert.Contains($"Version {version}:", history, StringComparison.Ordinal);
        if (version > 1)
        {
            var diffHref = await page.GetAttributeAsync($"#history a[href^='diff?from='][href*='to={version}&']", "href");
            Assert.NotNull(diffHref);
            var diff = await fixture.Client.GetAsync(new Uri(url, diffHref));
            Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        }

        // The injected script, image handler and javascript: link never ran and never reached the DOM as code.
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("[onerror]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript']").CountAsync());
        Assert.Equal("https://example.org/rules", await page.GetAttributeAsync("article a:has-text('an ordinary link')", "href"));
        await page.ClickAsync("article a:has-text('click me')", new PageClickOptions { Timeout = 5000 });
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal($"Feed ranking strategy {marker} — Algorithm strategy", await page.TitleAsync());

        // The stylesheet is allowed by its hash: the page is laid out for a phone, not unstyled.
        Assert.Equal("736px", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).maxWidth"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a 390 px wide screen");
        Assert.Empty(violations);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "disclosure-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
    }
}
