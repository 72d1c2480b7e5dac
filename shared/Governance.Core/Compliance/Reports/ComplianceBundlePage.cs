using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Core.Compliance.Exports;
using Governance.Core.Compliance.Filings;
using Governance.Core.Compliance.Incidents;
using Governance.Core.Localization;

namespace Governance.Core.Compliance.Reports;

/// <summary>
/// The compliance bundle as one HTML page for people: the chrome in the reader's language (<c>&lt;html lang&gt;</c>),
/// times in the platform's zone with the UTC instant in <c>&lt;time datetime&gt;</c>, no script at all (the only
/// style is allowed by its hash in <see cref="ContentSecurityPolicy"/>), landmarks and headings in order, tables that
/// scroll inside a focusable region on a narrow screen. Text the policy profile supplies (authorities) is English
/// and marked so on a Chinese page.
/// </summary>
public static class ComplianceBundlePage
{
    private const string Style =
        ":root{color-scheme:light dark;font-family:system-ui,-apple-system,\"Segoe UI\",\"Noto Sans\",sans-serif;line-height:1.55}" +
        "body{margin:0 auto;max-width:64rem;padding:1rem 1rem 3rem;overflow-wrap:anywhere}" +
        "h1{font-size:1.7rem;margin:.25rem 0}h2{font-size:1.3rem;margin-top:2rem;padding-top:.75rem;border-top:1px solid #8885}" +
        ".meta{margin:.2rem 0}.hash,code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}" +
        "a{color:LinkText}a:focus,.wrap:focus{outline:3px solid Highlight;outline-offset:2px}.skip{position:absolute;left:-100vw}.skip:focus{position:static}" +
        "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem}" +
        ".wrap{overflow-x:auto}table{border-collapse:collapse;min-width:100%}th,td{border:1px solid #8887;padding:.3rem .5rem;text-align:left;vertical-align:top}" +
        "ul.facts{padding-left:1.1rem}ul.facts li{margin-bottom:.5rem}td ul{margin:0;padding-left:1rem}footer{margin-top:2.5rem;font-size:.9rem}";

    /// <summary>No script from anywhere, no images, the page's own style only (by hash).</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(ComplianceBundle bundle, ReaderLocale locale)
    {
        var t = ComplianceBundleTexts.Catalog.For(locale);
        var page = new Page(new StringBuilder(16_384), t, locale);
        var sections = new (string Id, string Heading, int Count)[]
        {
            ("disclosures", t.DisclosuresPublished, bundle.DisclosuresPublished.Count),
            ("apps-onboarded", t.AppsOnboarded, bundle.AppsOnboarded.Count),
            ("apps-suspended", t.AppsSuspended, bundle.AppsSuspended.Count),
            ("claims-filed", t.ClaimsFiled, bundle.ClaimsFiled.Count),
            ("claims-prepaid", t.ClaimsPrepaid, bundle.ClaimsPrepaid.Count),
            ("pricing", t.PricingFindings, bundle.PricingFindings.Count),
            ("exports", t.Exports, bundle.Exports.Count),
            ("incidents", t.Incidents, bundle.Incidents.Count),
            ("filings", t.Filings, bundle.Filings.Count),
        };

        var html = page.Html;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(locale.Language.Tag).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(E(t.Title)).Append(' ')
            .Append(E(Date(bundle.From))).Append(" – ").Append(E(Date(bundle.To))).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">").Append(E(t.SkipLink)).Append("</a>\n<header>\n<h1>").Append(E(t.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(t.Period(locale.TimeElement(bundle.From), locale.TimeElement(bundle.To))).Append("</p>\n")
            .Append("<p class=\"meta\">").Append(t.Generated(locale.TimeElement(bundle.GeneratedAt))).Append("</p>\n")
            .Append("<p class=\"meta\">").Append(E(t.Profile)).Append("<code>").Append(E(bundle.Profile)).Append("</code></p>\n")
            .Append("<p class=\"meta\">").Append(E(t.AuditRoot)).Append("<span class=\"hash\" id=\"audit-root\">").Append(E(bundle.AuditRootHash)).Append("</span></p>\n")
            .Append("<p class=\"meta\">").Append(E(t.AuditEntries)).Append(bundle.AuditEntries.ToString(CultureInfo.InvariantCulture)).Append("</p>\n")
            .Append("<p class=\"meta\">").Append(E(t.AuditNote)).Append("</p>\n<nav aria-label=\"").Append(E(t.OnThisPage)).Append("\">\n<ul>\n")
            .Append("<li><a href=\"#summary\">").Append(E(t.Summary)).Append("</a></li>\n");
        foreach (var (id, heading, _) in sections)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(heading)).Append("</a></li>\n");
        }

        html.Append("</ul>\n</nav>\n</header>\n<main id=\"main\">\n");
        page.Open("summary", t.Summary);
        page.TableStart(t.Summary, t.Section, t.Count);
        foreach (var (id, heading, count) in sections)
        {
            html.Append("<tr><td><a href=\"#").Append(id).Append("\">").Append(E(heading)).Append("</a></td><td>").Append(count).Append("</td></tr>\n");
        }

        page.TableEnd();
        html.Append("</section>\n");

        page.Facts("disclosures", t.DisclosuresPublished, bundle.DisclosuresPublished);
        page.Facts("apps-onboarded", t.AppsOnboarded, bundle.AppsOnboarded);
        page.Facts("apps-suspended", t.AppsSuspended, bundle.AppsSuspended);
        page.Facts("claims-filed", t.ClaimsFiled, bundle.ClaimsFiled);
        page.Facts("claims-prepaid", t.ClaimsPrepaid, bundle.ClaimsPrepaid);
        page.Facts("pricing", t.PricingFindings, bundle.PricingFindings);
        page.Exports(bundle.Exports);
        page.Incidents(bundle.Incidents);
        page.Filings(bundle.Filings);
        html.Append("</main>\n<footer>\n<p>").Append(E(t.JsonNote)).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private sealed record Page(StringBuilder Html, ComplianceBundleTexts T, ReaderLocale Locale)
    {
        /// <summary>Profile text is English: on a page in another language it says so.</summary>
        private string English(string text) => Locale.Language == Language.English ? E(text) : $"<span lang=\"en\">{E(text)}</span>";

        private string Time(DateTimeOffset instant) => Locale.TimeElement(instant);

        private string Label(string code) => E(T.Label(code));

        public void Open(string id, string heading)
            => Html.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"").Append(id).Append("-h\">")
                .Append(E(heading)).Append("</h2>\n");

        public void TableStart(string label, params string[] headers)
        {
            Html.Append("<div class=\"wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").Append(E(label)).Append("\">\n<table>\n<thead><tr>");
            foreach (var header in headers)
            {
                Html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
            }

            Html.Append("</tr></thead>\n<tbody>\n");
        }

        public void TableEnd() => Html.Append("</tbody>\n</table>\n</div>\n");

        public void Facts(string id, string heading, TimelineSection section)
        {
            Open(id, heading);
            if (section.Count == 0)
            {
                Html.Append("<p>").Append(E(T.None)).Append("</p>\n</section>\n");
                return;
            }

            Html.Append("<ul class=\"facts\">\n");
            foreach (var item in section.Items)
            {
                Html.Append("<li>").Append(Time(item.At)).Append(" · <code>").Append(E(item.Id)).Append("</code>");
                if (item.Summary.ValueKind == JsonValueKind.Object)
                {
                    Html.Append("<br>\n");
                    foreach (var property in item.Summary.EnumerateObject())
                    {
                        var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                        Html.Append("<code>").Append(E(property.Name)).Append('=').Append(E(value)).Append("</code> ");
                    }
                }

                Html.Append("</li>\n");
            }

            Html.Append("</ul>\n</section>\n");
        }

        public void Exports(ExportSection section)
        {
            Open("exports", T.Exports);
            if (section.Count == 0)
            {
                Html.Append("<p>").Append(E(T.None)).Append("</p>\n</section>\n");
                return;
            }

            TableStart(T.Exports, T.Id, T.Time, T.RecipientCountry, T.Route, T.Status, T.Individuals, T.Expires, T.Flags);
            foreach (var e in section.Items)
            {
                Html.Append("<tr><td><code>").Append(E(e.ExportId)).Append("</code></td><td>").Append(Time(e.RecordedAt)).Append("</td><td>")
                    .Append(E(e.Recipient?.Country ?? "–")).Append("</td><td>").Append(e.Route is null ? "–" : Label(e.Route)).Append("</td><td>")
                    .Append(Label(e.Status)).Append("</td><td>").Append(e.Individuals.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>")
                    .Append(e.ExpiresAt is { } expires ? Time(expires) : "–").Append("</td><td>").Append(e.Flags.Count).Append("</td></tr>\n");
            }

            TableEnd();
            Html.Append("</section>\n");
        }

        public void Incidents(IncidentSection section)
        {
            Open("incidents", T.Incidents);
            Html.Append("<p>").Append(E(T.DeadlineTotals(section.DeadlinesMet, section.DeadlinesMissed, section.DeadlinesOpen))).Append("</p>\n");
            if (section.Count == 0)
            {
                Html.Append("<p>").Append(E(T.None)).Append("</p>\n</section>\n");
                return;
            }

            TableStart(T.Incidents, T.Id, T.Detected, T.Severity, T.Deadlines);
            foreach (var i in section.Items)
            {
                Html.Append("<tr><td><code>").Append(E(i.IncidentId)).Append("</code></td><td>").Append(Time(i.DetectedAt)).Append("</td><td>")
                    .Append(Label(i.Severity)).Append("</td><td><ul>");
                foreach (var d in i.Deadlines)
                {
                    Html.Append("<li><code>").Append(E(d.Duty)).Append("</code> ").Append(English(d.Authority)).Append(", ").Append(T.Due(Time(d.DueAt)))
                        .Append(": <strong>").Append(Label(d.Status)).Append("</strong> <code>").Append(E(d.Rule)).Append("</code></li>");
                }

                Html.Append("</ul></td></tr>\n");
            }

            TableEnd();
            Html.Append("</section>\n");
        }

        public void Filings(FilingSection section)
        {
            Open("filings", T.Filings);
            Html.Append("<p>").Append(E(T.DutyTotals(section.DutiesDone, section.DutiesOpen, section.DutiesOverdue))).Append("</p>\n");
            if (section.Count == 0)
            {
                Html.Append("<p>").Append(E(T.None)).Append("</p>\n</section>\n");
                return;
            }

            TableStart(T.Filings, T.Id, T.Kind, T.OccursAt, T.Duties);
            foreach (var f in section.Items)
            {
                Html.Append("<tr><td><code>").Append(E(f.FilingId)).Append("</code></td><td>").Append(Label(f.Kind)).Append("</td><td>")
                    .Append(Time(f.OccursAt)).Append("</td><td>");
                if (f.Duties.Count == 0)
                {
                    Html.Append('–');
                }
                else
                {
                    Html.Append("<ul>");
                    foreach (var d in f.Duties)
                    {
                        Html.Append("<li><code>").Append(E(d.Duty)).Append("</code> ").Append(English(d.Authority)).Append(", ")
                            .Append(d.DueAt is { } due ? T.Due(Time(due)) : E(T.NoDueDate)).Append(": <strong>").Append(Label(d.Status)).Append("</strong></li>");
                    }

                    Html.Append("</ul>");
                }

                Html.Append("</td></tr>\n");
            }

            TableEnd();
            Html.Append("</section>\n");
        }
    }
}
