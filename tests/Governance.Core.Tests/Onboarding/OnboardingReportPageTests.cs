using System.Text;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Onboarding.Report;
using Governance.Core.Onboarding.Requests;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

public sealed class OnboardingReportPageTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static OnboardingRequestView View(string contract, string status = "changes_requested")
    {
        var result = ContractCheck.Run(Encoding.UTF8.GetBytes(contract), "c.txt", Manifest(), Draft, ContractExtractionLimits.Default);
        return new OnboardingRequestView("onb_0123456789abcdef01234567", status, status, null, "cn-2021-draft", result.Decision.Findings, null, "dev_1",
            "Acme <Delivery> & Co", Submitted, Submitted.AddMinutes(1), result.ClauseLibraryVersion,
            new OnboardingContractView(new string('a', 64), "c.txt", "text", 100, 1), null, null);
    }

    [Fact]
    public void Every_finding_stands_beside_its_highlighted_quote_with_titles_from_the_clause_library_in_the_readers_language()
    {
        var view = View(CompleteEnglish, "approved");

        var zh = OnboardingReportPage.Render(view, TestLocales.Chinese);
        var en = OnboardingReportPage.Render(view, TestLocales.English);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">", zh, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", en, StringComparison.Ordinal);
        foreach (var finding in view.Findings)
        {
            Assert.Contains($">{System.Net.WebUtility.HtmlEncode(finding.Title.Zh)}</h3>", zh, StringComparison.Ordinal);
            Assert.Contains($">{System.Net.WebUtility.HtmlEncode(finding.Title.En)}</h3>", en, StringComparison.Ordinal);
            Assert.Contains($"<mark>{System.Net.WebUtility.HtmlEncode(finding.Evidence!.Quote)}</mark>", en, StringComparison.Ordinal);
        }

        Assert.Contains("审核结果", zh, StringComparison.Ordinal);
        Assert.Contains("已批准", zh, StringComparison.Ordinal);
        Assert.Contains("2026年3月1日 16:00（UTC+8）", zh, StringComparison.Ordinal);
        Assert.Contains("1 March 2026, 16:00 (UTC+8)", en, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-03-01T08:00:00.000Z\">", en, StringComparison.Ordinal);
        Assert.Contains("Acme &lt;Delivery&gt; &amp; Co", en, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", en, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", en, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_clause_says_there_is_nothing_to_quote_and_a_chinese_quote_carries_its_own_language()
    {
        var english = OnboardingReportPage.Render(View("This agreement is made between the Platform and the Developer named below and sets out their obligations.\n\nThe Developer is responsible for the security of the personal data it processes and of its own systems."), TestLocales.English);
        Assert.Contains("The contract has no clause to quote for this rule.", english, StringComparison.Ordinal);
        Assert.Contains("class=\"finding problem\"", english, StringComparison.Ordinal);
        Assert.Contains("<blockquote lang=\"en\">", english, StringComparison.Ordinal);

        Assert.Equal("zh-CN", OnboardingReportPage.LanguageOf("乙方应当在二十四小时内通知甲方。"));
        Assert.Equal("en", OnboardingReportPage.LanguageOf("within 24 hours"));
    }

    [Fact]
    public void The_content_security_policy_allows_no_script_and_exactly_the_pages_own_style()
    {
        var csp = OnboardingReportPage.ContentSecurityPolicy;

        Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script", csp, StringComparison.Ordinal);
        var page = OnboardingReportPage.Render(View(CompleteEnglish), TestLocales.English);
        var style = page[(page.IndexOf("<style>", StringComparison.Ordinal) + 7)..page.IndexOf("</style>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        Assert.Contains($"'sha256-{hash}'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_languages_have_a_label_for_every_status_severity_and_finding_type()
    {
        foreach (var language in Governance.Core.Localization.Language.All)
        {
            var t = OnboardingReportTexts.Catalog.For(language);
            Assert.Equal(OnboardingStatuses.All.Count, OnboardingStatuses.All.Select(t.StatusName).Where(l => l.Length > 0).Distinct().Count());
            Assert.Equal(Enum.GetValues<FindingStatus>().Length, Enum.GetValues<FindingStatus>().Select(t.FindingName).Distinct().Count());
            Assert.Equal(3, Enum.GetValues<ClauseSeverity>().Select(t.SeverityName).Distinct().Count());
        }
    }
}
