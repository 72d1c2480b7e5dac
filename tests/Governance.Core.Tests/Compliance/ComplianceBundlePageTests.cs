using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Compliance.Exports;
using Governance.Core.Compliance.Reports;
using Governance.Core.Localization;

namespace Governance.Core.Tests.Compliance;

public sealed partial class ComplianceBundlePageTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ComplianceBundle Bundle()
    {
        var summary = JsonDocument.Parse("{\"appId\":\"<b>app</b>\",\"count\":3}").RootElement.Clone();
        var empty = new TimelineSection(0, []);
        var export = new ExportView("exp_1", "approved", ["ast_1"], new ExportRecipient("R & D <Ltd>", "DE"), "p", "standard_contract", null, null, From.AddDays(2), "op", From.AddYears(3), "cn-2025");
        return new ComplianceBundle(From, From.AddDays(90), From.AddDays(91), "cn-2025", new string('f', 64), 42,
            empty, new TimelineSection(1, [new TimelineItem("onb-<1>", From.AddDays(3), summary)]), empty, empty, empty, empty,
            new ExportSection(1, [export]), new IncidentSection(0, 0, 0, 0, []), new FilingSection(0, 0, 0, 0, []));
    }

    [Theory]
    [InlineData("zh-CN", "合规记录汇总", "本期间无记录。")]
    [InlineData("en", "Compliance bundle", "None in this period.")]
    public void The_page_speaks_the_reader_s_language_encodes_every_value_and_carries_no_script(string tag, string title, string none)
    {
        var html = ComplianceBundlePage.Render(Bundle(), tag == "en" ? TestLocales.English : TestLocales.Chinese);

        Assert.Contains($"<html lang=\"{tag}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(none, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>app</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;app&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("onb-&lt;1&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-01-01T00:00:00.000Z\">", html, StringComparison.Ordinal);
        Assert.Contains(new string('f', 64), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_security_policy_allows_exactly_the_page_s_own_style()
    {
        var html = ComplianceBundlePage.Render(Bundle(), TestLocales.English);
        var style = StyleElement().Match(html).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));

        Assert.Contains($"style-src 'sha256-{hash}'", ComplianceBundlePage.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", ComplianceBundlePage.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Single(StyleElement().Matches(html));
    }

    [Fact]
    public void Every_language_has_a_word_for_every_status_route_severity_and_kind_in_chinese()
    {
        var zh = ComplianceBundleTexts.Catalog.For(Language.ChineseSimplified);
        var codes = Governance.Core.Compliance.ExportRoutes.All.Concat(ExportStatuses.All).Concat(Governance.Core.Compliance.IncidentSeverities.All)
            .Concat(Governance.Core.Compliance.FilingKinds.All).Concat(["open", "met", "missed", "done", "overdue"]);
        Assert.All(codes, code => Assert.NotEqual(code, zh.Label(code)));
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
