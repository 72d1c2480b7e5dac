using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Core.Disclosures;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosurePageLocalizationTests
{
    private const string Kind = DisclosureKinds.PrivacyPolicy;
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    private static DisclosurePageModel Model(string? language, Governance.Core.Localization.ReaderLocale locale)
    {
        var v1 = DisclosureSamples.Version(Kind, 1, new DateTimeOffset(2026, 12, 6, 21, 40, 0, TimeSpan.Zero), publishedAt: new DateTimeOffset(2026, 11, 28, 2, 5, 0, TimeSpan.Zero));
        v1 = v1 with { Metadata = v1.Metadata with { Title = "隐私政策", Language = language } };
        return new DisclosurePageModel(Kind, v1, "<p>正文</p>", [v1], null, Now, locale);
    }

    [Fact]
    public void A_chinese_reader_gets_chinese_chrome_and_local_times_and_the_text_its_declared_language()
    {
        var html = DisclosurePage.Render(Model("zh-Hans", TestLocales.Chinese));

        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"title\" lang=\"zh-Hans\">隐私政策</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<article aria-labelledby=\"title\" lang=\"zh-Hans\">", html, StringComparison.Ordinal);
        Assert.Contains("本规则如何制定", html, StringComparison.Ordinal);
        Assert.Contains("版本历史", html, StringComparison.Ordinal);
        Assert.Contains("第 1 版，自 <time datetime=\"2026-12-06T21:40:00.000Z\">2026年12月7日 05:40（UTC+8）</time> 起施行", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-28T02:05:00.000Z\">2026年11月28日 10:05（UTC+8）</time>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("How this was formulated", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_english_reader_gets_english_chrome_around_text_in_another_language()
    {
        var html = DisclosurePage.Render(Model("zh-CN", TestLocales.English));

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<article aria-labelledby=\"title\" lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("How this was formulated", html, StringComparison.Ordinal);
        Assert.Contains("Version 1, in effect since <time datetime=\"2026-12-06T21:40:00.000Z\">7 December 2026, 05:40 (UTC+8)</time>", html, StringComparison.Ordinal);
        Assert.Contains("<div lang=\"zh-CN\">\n<p>Consultation.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_a_declared_language_is_marked_unknown_rather_than_inheriting_the_readers()
    {
        var html = DisclosurePage.Render(Model(null, TestLocales.English));

        Assert.Contains("<article aria-labelledby=\"title\" lang=\"\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"title\" lang=\"\">", html, StringComparison.Ordinal);
        // The only language the page claims is the chrome's, on <html>; every piece of disclosure text says "unknown".
        Assert.Equal(["en"], Regex.Matches(html, " lang=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct());
    }

    [Fact]
    public void The_feed_speaks_the_readers_language()
    {
        var version = Model(null, TestLocales.Chinese).Current;

        var feed = XDocument.Parse(DisclosureFeed.Render(new Uri("https://gov.example/api/public/disclosures/"), [version], TestLocales.Chinese));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal("zh-CN", feed.Root!.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.StartsWith("已公示的规则", feed.Root.Element(atom + "title")!.Value, StringComparison.Ordinal);
        var entry = feed.Root.Element(atom + "entry")!;
        Assert.Equal("隐私政策 第 1 版：隐私政策", entry.Element(atom + "title")!.Value);
        Assert.Contains("自 2026年12月7日 05:40（UTC+8） 起施行", entry.Element(atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Contains(version.Sha256, entry.Element(atom + "summary")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh_CN")]
    [InlineData("")]
    [InlineData("not a language")]
    [InlineData("zh-CN-zh-CN-zh-CN-zh-CN-zh-CN-zh-CN-zh")]
    public void A_draft_language_that_is_not_a_well_formed_tag_is_a_400_naming_the_field(string language)
    {
        var request = DisclosureSamples.Request(Kind, DisclosureSamples.Start);
        request.Language = language;

        var problem = Assert.Throws<GovernanceProblem>(() => DisclosureDraftValidator.Validate(Kind, request));

        Assert.Equal(400, problem.Status);
        Assert.Contains("BCP 47", Assert.Single(problem.Errors!["language"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_language_is_kept_in_canonical_case_and_is_optional()
    {
        var request = DisclosureSamples.Request(Kind, DisclosureSamples.Start);
        Assert.Null(DisclosureDraftValidator.Validate(Kind, request).Metadata.Language);

        request.Language = "zh-hans";
        Assert.Equal("zh-Hans", DisclosureDraftValidator.Validate(Kind, request).Metadata.Language);
    }
}
