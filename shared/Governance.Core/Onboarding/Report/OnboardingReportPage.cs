using System.Net;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Localization;
using Governance.Core.Onboarding.Requests;

namespace Governance.Core.Onboarding.Report;

/// <summary>
/// The onboarding report as HTML (<c>GET /api/onboarding/requests/{id}/report</c> with <c>Accept: text/html</c>):
/// the request's facts, then every finding beside the quote it rests on (highlighted with <c>&lt;mark&gt;</c>, with
/// its page and paragraph), in the reader's language (<see cref="OnboardingReportTexts"/>; rule titles and messages
/// from the clause library in both languages). Accessible (language, landmarks, one h1, headings in order, skip link),
/// readable on a phone (one column; finding and quote side by side from 48rem), no script at all: the only inline
/// style is allowed by its hash in <see cref="ContentSecurityPolicy"/>. A quote carries the language of its own text.
/// </summary>
public static class OnboardingReportPage
{
    private const string Style =
        ":root{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Noto Sans CJK SC\",sans-serif;line-height:1.6;color:#1a1a1a;background:#fff}" +
        "body{margin:0 auto;max-width:70rem;padding:1rem 1.25rem 3rem;overflow-wrap:anywhere}" +
        "h1{font-size:1.7rem;line-height:1.25;margin:.25rem 0 .75rem}h2{font-size:1.35rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}" +
        "h3{font-size:1.1rem;margin:0 0 .35rem}.kicker{text-transform:uppercase;letter-spacing:.05em;font-size:.85rem;margin:0}" +
        "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dl.facts dt{font-weight:600}dl.facts dd{margin:0}" +
        ".hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}" +
        "a{color:#0645ad}a:focus{outline:3px solid #1a1a1a;outline-offset:2px}.skip{position:absolute;left:-100vw}.skip:focus{position:static}" +
        "ol.findings{list-style:none;padding:0;margin:0}" +
        ".finding{display:grid;grid-template-columns:1fr;gap:.75rem;border:1px solid #bbb;border-left:6px solid #2e7d32;padding:.75rem 1rem;margin:0 0 1rem}" +
        ".finding.problem{border-left-color:#b00020}.finding p{margin:.25rem 0}.tags{font-size:.95rem}" +
        "figure{margin:0}blockquote{margin:0;padding:.5rem .75rem;border-left:3px solid #777;background:#f6f6f6}" +
        "mark{background:#fff3a0;color:#1a1a1a}figcaption{font-size:.9rem;margin-top:.25rem}" +
        ".basis{font-size:.9rem}.notice{border-left:4px solid #b00020;padding:.25rem .75rem}footer{margin-top:2.5rem;font-size:.9rem}" +
        "@media (min-width:48rem){.finding{grid-template-columns:1fr 1fr}}";

    /// <summary>No script from anywhere; styles only the page's own (by hash); no images, forms, frames or base changes.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(OnboardingRequestView view, ReaderLocale locale)
    {
        var t = OnboardingReportTexts.Catalog.For(locale);
        var tag = locale.Language.Tag;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(tag).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(E(t.Title(view.AppName))).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#findings\">").Append(E(t.SkipLink)).Append("</a>\n")
            .Append("<header>\n<p class=\"kicker\">").Append(E(t.Kicker)).Append("</p>\n<h1>").Append(E(t.Title(view.AppName))).Append("</h1>\n");
        Facts(html, view, t, locale);
        html.Append("</header>\n<main id=\"main\">\n");
        if (view.Override is { } decided)
        {
            html.Append("<p class=\"notice\">").Append(t.OverrideLine(E(t.StatusName(decided.Decision)), locale.TimeElement(decided.At)))
                .Append(E(decided.Reason)).Append("</p>\n");
        }

        if (view.Error is { } error)
        {
            html.Append("<section aria-labelledby=\"error-h\">\n<h2 id=\"error-h\">").Append(E(t.ErrorHeading)).Append("</h2>\n<p lang=\"en\">")
                .Append(E(error)).Append("</p>\n</section>\n");
        }

        Findings(html, view, t, tag);
        html.Append("</main>\n<footer>\n<p>").Append(E(t.Footer)).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Facts(StringBuilder html, OnboardingRequestView view, OnboardingReportTexts t, ReaderLocale locale)
    {
        html.Append("<dl class=\"facts\">\n");
        Fact(html, t.StatusLabel, "<strong>" + E(t.StatusName(view.Status)) + "</strong>");
        Fact(html, t.RequestLabel, "<span class=\"hash\">" + E(view.RequestId) + "</span>");
        if (view.AppId is not null)
        {
            Fact(html, t.AppLabel, "<span class=\"hash\">" + E(view.AppId) + "</span>");
        }

        Fact(html, t.DeveloperLabel, "<span class=\"hash\">" + E(view.DeveloperId) + "</span>");
        if (view.PreviousRequestId is not null)
        {
            Fact(html, t.PreviousLabel, "<span class=\"hash\">" + E(view.PreviousRequestId) + "</span>");
        }

        Fact(html, t.SubmittedLabel, locale.TimeElement(view.SubmittedAt));
        if (view.DecidedAt is { } decidedAt)
        {
            Fact(html, t.DecidedLabel, locale.TimeElement(decidedAt));
        }

        Fact(html, t.ProfileLabel, E(view.Profile));
        if (view.ClauseLibraryVersion is not null)
        {
            Fact(html, t.LibraryLabel, E(view.ClauseLibraryVersion));
        }

        Fact(html, t.ContractLabel, E(t.ContractLine(view.Contract.Format.ToUpperInvariant(), view.Contract.PageCount, view.Contract.Sha256)));
        html.Append("</dl>\n");
    }

    private static void Fact(StringBuilder html, string label, string valueHtml)
        => html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd>\n");

    private static void Findings(StringBuilder html, OnboardingRequestView view, OnboardingReportTexts t, string tag)
    {
        html.Append("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">").Append(E(t.FindingsHeading)).Append("</h2>\n");
        if (view.Findings.Count == 0)
        {
            if (view.Error is null)
            {
                html.Append("<p>").Append(E(t.NotFinished)).Append("</p>\n");
            }

            html.Append("</section>\n");
            return;
        }

        var problems = view.Findings.Count(f => f.Status != FindingStatus.Satisfied);
        html.Append("<p>").Append(E(t.Summary(view.Findings.Count, problems))).Append("</p>\n<ol class=\"findings\">\n");
        for (var i = 0; i < view.Findings.Count; i++)
        {
            Finding(html, view.Findings[i], i + 1, t, tag);
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void Finding(StringBuilder html, ClauseFinding f, int n, OnboardingReportTexts t, string tag)
    {
        var id = $"f{n}";
        html.Append("<li>\n<article class=\"finding").Append(f.Status == FindingStatus.Satisfied ? string.Empty : " problem")
            .Append("\" id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<div>\n<h3 id=\"").Append(id).Append("-h\">")
            .Append(E(f.Title.For(tag))).Append("</h3>\n<p class=\"tags\"><strong>").Append(E(t.FindingName(f.Status))).Append("</strong> · ")
            .Append(E(t.SeverityLabel)).Append(E(t.SeverityName(f.Severity)));
        if (f.Clause is not null)
        {
            html.Append(" · ").Append(E(t.ClauseNumber(f.Clause)));
        }

        html.Append(" · <span class=\"hash\">").Append(E(f.RuleId)).Append("</span></p>\n<p>").Append(E(f.Message.For(tag))).Append("</p>\n")
            .Append("<p class=\"basis\">").Append(E(t.LegalBasisLabel)).Append("<span lang=\"").Append(LanguageOf(f.LegalBasis)).Append("\">")
            .Append(E(f.LegalBasis)).Append("</span></p>\n</div>\n");
        if (f.Evidence is { } evidence)
        {
            html.Append("<figure>\n<blockquote lang=\"").Append(LanguageOf(evidence.Quote)).Append("\"><p><mark>").Append(E(evidence.Quote))
                .Append("</mark></p></blockquote>\n<figcaption>").Append(E(t.QuoteCaption)).Append(" · ")
                .Append(E(t.Location(evidence.Location.Page, evidence.Location.Paragraph))).Append("</figcaption>\n</figure>\n");
        }
        else if (f.Status == FindingStatus.Missing)
        {
            html.Append("<p>").Append(E(t.NoQuote)).Append("</p>\n");
        }
        else if (f.Status is FindingStatus.Violated or FindingStatus.Rejected)
        {
            html.Append("<p>").Append(E(t.FromManifest)).Append("</p>\n");
        }

        html.Append("</article>\n</li>\n");
    }

    /// <summary>The language of a quote or citation from its own text: Chinese when it holds CJK ideographs, else English.</summary>
    public static string LanguageOf(string text)
        => text.Any(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF') ? Language.ChineseSimplified.Tag : Language.English.Tag;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
