using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Disclosures;

public sealed record DisclosurePageModel(
    string Kind,
    DisclosureVersion Current,
    string SafeContentHtml,
    IReadOnlyList<DisclosureVersion> Versions,
    DisclosureVersion? Next,
    DateTimeOffset Now);

/// <summary>
/// The public HTML page of the version in force: plain, accessible (language, landmarks, one h1, headings in
/// order, skip link), readable on a phone (viewport meta, fluid width), no script at all. The only inline
/// style is allowed by its hash in <see cref="ContentSecurityPolicy"/>, which forbids every script.
/// Links are relative to <c>/api/public/disclosures/{kind}/page</c>.
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
        var current = model.Current;
        var m = current.Metadata;
        var kindName = DisclosureKinds.DisplayName(model.Kind);
        var html = new StringBuilder(8192 + model.SafeContentHtml.Length);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(m.Title)).Append(" — ").Append(E(kindName)).Append("</title>\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Published disclosures\" href=\"../feed\">\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">Skip to the text</a>\n")
            .Append("<header>\n<p class=\"kind\">").Append(E(kindName)).Append("</p>\n")
            .Append("<h1 id=\"title\">").Append(E(m.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">Version ").Append(current.Version)
            .Append(", in effect since ").Append(Time(current.EffectiveFrom))
            .Append(", published ").Append(Time(current.PublishedAt)).Append(".</p>\n")
            .Append("<p class=\"meta\">SHA-256 of this text: <span class=\"hash\">").Append(E(current.Sha256)).Append("</span></p>\n")
            .Append("<nav aria-label=\"On this page\">\n<ul>\n")
            .Append("<li><a href=\"#main\">Text</a></li>\n<li><a href=\"#formulation\">How it was formulated</a></li>\n")
            .Append("<li><a href=\"#adjudication\">How disputes are decided</a></li>\n");
        if (m.Algorithm is not null)
        {
            html.Append("<li><a href=\"#algorithm\">Algorithm</a></li>\n");
        }

        html.Append("<li><a href=\"#history\">Version history</a></li>\n</ul>\n</nav>\n</header>\n");

        html.Append("<main id=\"main\">\n");
        if (model.Next is { } next)
        {
            html.Append("<p class=\"notice\" role=\"note\">Version ").Append(next.Version).Append(" (")
                .Append(E(next.Metadata.Title)).Append(") takes effect on ").Append(Time(next.EffectiveFrom))
                .Append(". <a href=\"diff?from=").Append(current.Version).Append("&amp;to=").Append(next.Version)
                .Append("&amp;format=text\">See what changes</a>.</p>\n");
        }

        html.Append("<article aria-labelledby=\"title\">\n").Append(model.SafeContentHtml).Append("\n</article>\n");

        Section(html, "formulation", "How this was formulated", m.FormulationProcedure);
        Section(html, "adjudication", "How disputes are decided and appealed", m.AdjudicationProcedure);
        if (m.Algorithm is { } algorithm)
        {
            AlgorithmSection(html, algorithm);
        }

        Section(html, "changes", "What changed in this version", m.ChangeSummary);
        History(html, model);
        html.Append("</main>\n<footer>\n<p><a href=\"../").Append(E(model.Kind)).Append("\">This version as JSON</a> · ")
            .Append("<a href=\"versions\">All versions as JSON</a> · <a href=\"../feed\">Atom feed of all disclosures</a></p>\n")
            .Append("<p>Every published version is kept unchanged; its SHA-256 identifies the exact text.</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Section(StringBuilder html, string id, string heading, string text)
    {
        html.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"")
            .Append(id).Append("-h\">").Append(E(heading)).Append("</h2>\n").Append(Paragraphs(text)).Append("</section>\n");
    }

    private static void AlgorithmSection(StringBuilder html, AlgorithmDisclosure algorithm)
    {
        html.Append("<section id=\"algorithm\" aria-labelledby=\"algorithm-h\">\n<h2 id=\"algorithm-h\">Algorithm: ")
            .Append(E(algorithm.Name)).Append("</h2>\n<h3>Purpose</h3>\n").Append(Paragraphs(algorithm.Purpose))
            .Append("<h3>Main parameters</h3>\n<dl>\n");
        foreach (var parameter in algorithm.MainParameters)
        {
            html.Append("<dt>").Append(E(parameter.Name)).Append("</dt><dd>").Append(E(parameter.Description)).Append("</dd>\n");
        }

        html.Append("</dl>\n<h3>Switching off personalisation</h3>\n<p>")
            .Append(algorithm.PersonalizationOptOut
                ? "You can switch off recommendations based on your personal characteristics."
                : "No option to switch off personalisation is declared.")
            .Append("</p>\n");
        if (algorithm.FilingNumber is not null)
        {
            html.Append("<p>Algorithm filing number: ").Append(E(algorithm.FilingNumber)).Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void History(StringBuilder html, DisclosurePageModel model)
    {
        html.Append("<section id=\"history\" aria-labelledby=\"history-h\">\n<h2 id=\"history-h\">Version history</h2>\n<ol class=\"history\" reversed>\n");
        foreach (var v in model.Versions.OrderByDescending(v => v.Version))
        {
            var status = DisclosureTimeline.StatusAt(v, model.Versions, model.Now);
            var label = v.Version == model.Current.Version ? "in effect now"
                : status == VersionStatuses.Superseded ? "superseded before it took effect"
                : status == VersionStatuses.Effective ? "replaced"
                : "scheduled";
            html.Append("<li>\n<p><strong>Version ").Append(v.Version).Append(": ").Append(E(v.Metadata.Title)).Append("</strong> (")
                .Append(E(label)).Append(")<br>\nPublished ").Append(Time(v.PublishedAt)).Append("; effective from ").Append(Time(v.EffectiveFrom))
                .Append("<br>\nSHA-256: <span class=\"hash\">").Append(E(v.Sha256)).Append("</span><br>\n")
                .Append(E(v.Metadata.ChangeSummary)).Append("<br>\n<a href=\"versions/").Append(v.Version).Append("\">Version ").Append(v.Version).Append(" as JSON</a>");
            var previous = model.Versions.Where(p => p.Version < v.Version).MaxBy(p => p.Version);
            if (previous is not null)
            {
                html.Append(" · <a href=\"diff?from=").Append(previous.Version).Append("&amp;to=").Append(v.Version)
                    .Append("&amp;format=text\">Changes from version ").Append(previous.Version).Append("</a>");
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

    private static string Time(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return $"<time datetime=\"{DisclosureGates.Iso(value)}\">{utc.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC</time>";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
