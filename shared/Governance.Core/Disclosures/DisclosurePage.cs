using System.Net;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Localization;

namespace Governance.Core.Disclosures;

public sealed record DisclosurePageModel(
    string Kind,
    DisclosureVersion Current,
    string SafeContentHtml,
    IReadOnlyList<DisclosureVersion> Versions,
    DisclosureVersion? Next,
    DateTimeOffset Now,
    ReaderLocale Locale);

/// <summary>
/// The public HTML page of the version in force: plain, accessible (language, landmarks, one h1, headings in
/// order, skip link), readable on a phone (viewport meta, fluid width), no script at all. The only inline
/// style is allowed by its hash in <see cref="ContentSecurityPolicy"/>, which forbids every script.
/// Links are relative to <c>/api/public/disclosures/{kind}/page</c>.
/// <para>
/// Two languages meet on the page: the chrome (headings, labels, dates) is in the reader's language, which
/// <c>&lt;html lang&gt;</c> declares, with times in the platform's zone; the disclosure's own text (title,
/// content, procedures, summaries) carries the <c>lang</c> its draft declared, and no <c>lang</c> at all when
/// it declared none, because the page does not know it.
/// </para>
/// </summary>
public static class DisclosurePage
{
    private const string Style =
        ":root{color-scheme:light dark;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;line-height:1.6}" +
        "body{margin:0 auto;max-width:46rem;padding:1rem 1.25rem 3rem;font-size:1.05rem;overflow-wrap:anywhere}" +
        "h1{font-size:1.8rem;line-height:1.25;margin:.25rem 0 .5rem}h2{font-size:1.35rem;margin-top:2.25rem;border-top:1px solid #8884;padding-top:1rem}" +
        "h3{font-size:1.15rem}.kind{text-transform:uppercase;letter-spacing:.06em;font-size:.85rem;margin:0}" +
        ".meta{font-size:.95rem;margin:.25rem 0}code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}" +
        "a{color:LinkText}a:focus{outline:3px solid Highlight;outline-offset:2px}" +
        ".skip{position:absolute;left:-100vw}.skip:focus{position:static}" +
        "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}" +
        "ol.history{padding-left:1.25rem}ol.history li{margin-bottom:1rem}" +
        "table{border-collapse:collapse;display:block;overflow-x:auto}th,td{border:1px solid #8886;padding:.3rem .5rem;text-align:left;vertical-align:top}" +
        "img{max-width:100%;height:auto}pre{overflow-x:auto;padding:.75rem;border:1px solid #8886}" +
        ".notice{border-left:4px solid #c80;padding:.25rem .75rem}footer{margin-top:3rem;font-size:.9rem}";

    /// <summary>No script from anywhere; styles only the page's own (by hash); images only over HTTPS.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(DisclosurePageModel model)
    {
        var t = DisclosureTexts.Catalog.For(model.Locale);
        var current = model.Current;
        var m = current.Metadata;
        var kindName = t.KindName(model.Kind);
        var lang = Lang(m.Language);
        var html = new StringBuilder(8192 + model.SafeContentHtml.Length);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(model.Locale.Language.Tag).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(m.Title)).Append(" — ").Append(E(kindName)).Append("</title>\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(E(t.FeedLinkTitle)).Append("\" href=\"../feed\">\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">").Append(E(t.SkipLink)).Append("</a>\n")
            .Append("<header>\n<p class=\"kind\">").Append(E(kindName)).Append("</p>\n")
            .Append("<h1 id=\"title\"").Append(lang).Append('>').Append(E(m.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(t.VersionLine(current.Version, Time(model, current.EffectiveFrom), Time(model, current.PublishedAt))).Append("</p>\n")
            .Append("<p class=\"meta\">").Append(E(t.HashLabel)).Append("<span class=\"hash\">").Append(E(current.Sha256)).Append("</span></p>\n")
            .Append("<nav aria-label=\"").Append(E(t.OnThisPage)).Append("\">\n<ul>\n")
            .Append("<li><a href=\"#main\">").Append(E(t.TextLink)).Append("</a></li>\n<li><a href=\"#formulation\">").Append(E(t.FormulationLink)).Append("</a></li>\n")
            .Append("<li><a href=\"#adjudication\">").Append(E(t.AdjudicationLink)).Append("</a></li>\n");
        if (m.Algorithm is not null)
        {
            html.Append("<li><a href=\"#algorithm\">").Append(E(t.AlgorithmLink)).Append("</a></li>\n");
        }

        html.Append("<li><a href=\"#history\">").Append(E(t.HistoryLink)).Append("</a></li>\n</ul>\n</nav>\n</header>\n");

        html.Append("<main id=\"main\">\n");
        if (model.Next is { } next)
        {
            html.Append("<p class=\"notice\" role=\"note\">").Append(t.NextNotice(next.Version, InLanguage(next.Metadata.Title, next.Metadata.Language), Time(model, next.EffectiveFrom)))
                .Append(" <a href=\"diff?from=").Append(current.Version).Append("&amp;to=").Append(next.Version)
                .Append("&amp;format=text\">").Append(E(t.SeeWhatChanges)).Append("</a>.</p>\n");
        }

        html.Append("<article aria-labelledby=\"title\"").Append(lang).Append(">\n").Append(model.SafeContentHtml).Append("\n</article>\n");

        Section(html, "formulation", t.FormulationHeading, m.FormulationProcedure, lang);
        Section(html, "adjudication", t.AdjudicationHeading, m.AdjudicationProcedure, lang);
        if (m.Algorithm is { } algorithm)
        {
            AlgorithmSection(html, t, algorithm, m.Language);
        }

        Section(html, "changes", t.ChangesHeading, m.ChangeSummary, lang);
        History(html, t, model);
        html.Append("</main>\n<footer>\n<p><a href=\"../").Append(E(model.Kind)).Append("\">").Append(E(t.ThisVersionAsJson)).Append("</a> · ")
            .Append("<a href=\"versions\">").Append(E(t.AllVersionsAsJson)).Append("</a> · <a href=\"../feed\">").Append(E(t.FeedLink)).Append("</a></p>\n")
            .Append("<p>").Append(E(t.KeptUnchanged)).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The <c>lang</c> attribute of text in a disclosure's own language. When the draft declared none, <c>lang=""</c>
    /// (HTML's "unknown"), so the text does not inherit the reader's language from <c>&lt;html lang&gt;</c>: an English
    /// reader's page must not claim that Chinese text is English.
    /// </summary>
    public static string Lang(string? language) => $" lang=\"{E(language ?? string.Empty)}\"";

    /// <summary>Encoded text, inside a span with its own language (or the unknown one).</summary>
    private static string InLanguage(string text, string? language) => $"<span{Lang(language)}>{E(text)}</span>";

    private static void Section(StringBuilder html, string id, string heading, string text, string lang)
    {
        html.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"")
            .Append(id).Append("-h\">").Append(E(heading)).Append("</h2>\n");
        html.Append("<div").Append(lang).Append(">\n").Append(Paragraphs(text)).Append("</div>\n");

        html.Append("</section>\n");
    }

    private static void AlgorithmSection(StringBuilder html, DisclosureTexts t, AlgorithmDisclosure algorithm, string? language)
    {
        var lang = Lang(language);
        html.Append("<section id=\"algorithm\" aria-labelledby=\"algorithm-h\">\n<h2 id=\"algorithm-h\">").Append(E(t.AlgorithmHeading))
            .Append(InLanguage(algorithm.Name, language)).Append("</h2>\n<h3>").Append(E(t.PurposeHeading)).Append("</h3>\n")
            .Append("<div").Append(lang).Append(">\n").Append(Paragraphs(algorithm.Purpose)).Append("</div>\n")
            .Append("<h3>").Append(E(t.ParametersHeading)).Append("</h3>\n<dl").Append(lang).Append(">\n");
        foreach (var parameter in algorithm.MainParameters)
        {
            html.Append("<dt>").Append(E(parameter.Name)).Append("</dt><dd>").Append(E(parameter.Description)).Append("</dd>\n");
        }

        html.Append("</dl>\n<h3>").Append(E(t.OptOutHeading)).Append("</h3>\n<p>")
            .Append(E(algorithm.PersonalizationOptOut ? t.OptOutOffered : t.OptOutNotOffered))
            .Append("</p>\n");
        if (algorithm.FilingNumber is not null)
        {
            html.Append("<p>").Append(E(t.FilingNumber)).Append(E(algorithm.FilingNumber)).Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void History(StringBuilder html, DisclosureTexts t, DisclosurePageModel model)
    {
        html.Append("<section id=\"history\" aria-labelledby=\"history-h\">\n<h2 id=\"history-h\">").Append(E(t.HistoryLink)).Append("</h2>\n<ol class=\"history\" reversed>\n");
        foreach (var v in model.Versions.OrderByDescending(v => v.Version))
        {
            var status = DisclosureTimeline.StatusAt(v, model.Versions, model.Now);
            var label = v.Version == model.Current.Version ? t.InEffectNow
                : status == VersionStatuses.Superseded ? t.Superseded
                : status == VersionStatuses.Effective ? t.Replaced
                : t.Scheduled;
            var language = v.Metadata.Language;
            html.Append("<li>\n<p><strong>").Append(t.HistoryEntry(v.Version, InLanguage(v.Metadata.Title, language))).Append("</strong>")
                .Append(E(t.HistoryStatus(label))).Append("<br>\n").Append(t.HistoryDates(Time(model, v.PublishedAt), Time(model, v.EffectiveFrom)))
                .Append("<br>\n").Append(E(t.HistoryHash)).Append("<span class=\"hash\">").Append(E(v.Sha256)).Append("</span><br>\n")
                .Append(InLanguage(v.Metadata.ChangeSummary, language)).Append("<br>\n<a href=\"versions/").Append(v.Version).Append("\">")
                .Append(E(t.VersionAsJson(v.Version))).Append("</a>");
            var previous = model.Versions.Where(p => p.Version < v.Version).MaxBy(p => p.Version);
            if (previous is not null)
            {
                html.Append(" · <a href=\"diff?from=").Append(previous.Version).Append("&amp;to=").Append(v.Version)
                    .Append("&amp;format=text\">").Append(E(t.ChangesFrom(previous.Version))).Append("</a>");
            }

            html.Append("</p>\n</li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static string Paragraphs(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Concat(paragraphs.Select(p => "<p>" + E(p).Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>\n"));
    }

    private static string Time(DisclosurePageModel model, DateTimeOffset value) => model.Locale.TimeElement(value);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
