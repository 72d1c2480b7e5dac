using System.Net;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Localization;
using Governance.Core.Pricing.Scans;

namespace Governance.Core.Pricing.Report;

public sealed record PricingReportModel(PricingScan Scan, IReadOnlyList<RankedFinding> Findings, DateTimeOffset Now, ReaderLocale Locale);

/// <summary>
/// The HTML report of a scan: summary, findings ranked by size (each with its chart and numbers), and the method
/// with the thresholds the scan applied. Plain and accessible (language, landmarks, one h1, headings in order, skip
/// link, charts with title, description and a quantile table), readable on a phone (viewport, fluid width, tables
/// that scroll), no script: the CSP forbids every script and allows only the page's own style, by hash.
/// </summary>
public static class PricingReport
{
    /// <summary>Findings the report shows at most: the largest; the API lists the rest.</summary>
    public const int MaxFindings = 100;

    private const string Style =
        ":root{color-scheme:light dark;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;line-height:1.55}" +
        "body{margin:0 auto;max-width:52rem;padding:1rem 1.25rem 3rem;font-size:1.02rem;overflow-wrap:anywhere}" +
        "h1{font-size:1.7rem;line-height:1.25;margin:.25rem 0 .5rem}h2{font-size:1.35rem;margin-top:2.25rem;border-top:1px solid #8884;padding-top:1rem}" +
        "h3{font-size:1.12rem;margin-top:2rem}dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem}" +
        "dl.facts dt{font-weight:600}dl.facts dd{margin:0}code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88rem;word-break:break-all}" +
        "a{color:LinkText}a:focus{outline:3px solid Highlight;outline-offset:2px}.skip{position:absolute;left:-100vw}.skip:focus{position:static}" +
        "figure{margin:1rem 0}svg.chart{width:100%;height:auto;max-width:40rem;display:block}figcaption{font-size:.95rem}" +
        ".legend{list-style:none;padding:0;margin:.25rem 0}.scroll{overflow-x:auto}" +
        "table{border-collapse:collapse;font-size:.92rem}th,td{border:1px solid #8886;padding:.25rem .5rem;text-align:right}th[scope=row]{text-align:left}" +
        "@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}footer{margin-top:3rem;font-size:.9rem}";

    /// <summary>No script from anywhere; styles only the report's own (by hash); no images, frames or forms.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(PricingReportModel model)
    {
        var t = PricingReportTexts.Catalog.For(model.Locale);
        var scan = model.Scan;
        var html = new StringBuilder(16_384 + (model.Findings.Count * 6_000));
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(model.Locale.Language.Tag).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(t.Title)).Append(" — ").Append(E(scan.ScanId)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#findings\">").Append(E(t.SkipLink)).Append("</a>\n")
            .Append("<header>\n<h1>").Append(E(t.Title)).Append("</h1>\n<p>")
            .Append(t.WindowLine("<code>" + E(scan.ScanId) + "</code>", model.Locale.TimeElement(scan.From), model.Locale.TimeElement(scan.To)))
            .Append("</p>\n</header>\n<main id=\"main\">\n");
        Summary(html, t, model);
        Findings(html, t, model);
        Method(html, t, scan.Method);
        html.Append("</main>\n<footer>\n<p>").Append(t.GeneratedAt(model.Locale.TimeElement(model.Now))).Append("</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, PricingReportTexts t, PricingReportModel model)
    {
        var scan = model.Scan;
        html.Append("<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">").Append(E(t.SummaryHeading)).Append("</h2>\n<dl class=\"facts\">\n");
        Fact(html, t.Status, E(t.StatusName(scan.Status)));
        Fact(html, t.Progress, E(t.ProgressValue(scan.ShardsDone.Count, scan.Shards)));
        Fact(html, t.Observations, PricingReportFormat.Count(scan.Observations));
        Fact(html, t.Cells, PricingReportFormat.Count(scan.Cells));
        Fact(html, t.Tests, PricingReportFormat.Count(scan.Tests));
        Fact(html, t.Findings, PricingReportFormat.Count(scan.Findings));
        Fact(html, t.Started, model.Locale.TimeElement(scan.CreatedAt));
        if (scan.CompletedAt is { } completed)
        {
            Fact(html, t.Completed, model.Locale.TimeElement(completed));
        }

        if (scan.Reason is { } reason)
        {
            Fact(html, t.Reason, E(reason));
        }

        Fact(html, t.Profile, "<code>" + E(scan.Method.Profile) + "</code>");
        html.Append("</dl>\n</section>\n");
    }

    private static void Findings(StringBuilder html, PricingReportTexts t, PricingReportModel model)
    {
        var scan = model.Scan;
        html.Append("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">").Append(E(t.FindingsHeading)).Append("</h2>\n");
        var note = scan.Status switch
        {
            PricingScanStatuses.Running => t.RunningNote,
            PricingScanStatuses.Failed => t.FailedNote,
            _ when scan.Findings == 0 => t.NoFindings,
            _ when scan.Findings > model.Findings.Count => t.MoreFindings(model.Findings.Count, scan.Findings),
            _ => null,
        };
        if (note is not null)
        {
            html.Append("<p>").Append(E(note)).Append("</p>\n");
        }

        if (scan.Status == PricingScanStatuses.Completed)
        {
            foreach (var ranked in model.Findings)
            {
                PricingReportFinding.Render(html, t, ranked, model.Locale);
            }
        }

        html.Append("</section>\n");
    }

    private static void Method(StringBuilder html, PricingReportTexts t, PricingMethod method)
    {
        var policy = method.Policy;
        html.Append("<section id=\"method\" aria-labelledby=\"method-h\">\n<h2 id=\"method-h\">").Append(E(t.MethodHeading)).Append("</h2>\n")
            .Append("<p>").Append(E(t.MethodCells)).Append("</p>\n<p>").Append(E(t.MethodTests)).Append("</p>\n<p>").Append(E(t.MethodFdr)).Append("</p>\n<dl class=\"facts\">\n");
        Fact(html, t.FalseDiscoveryRate, PricingReportFormat.Number(policy.FalseDiscoveryRate));
        Fact(html, t.MinEffect, PricingReportFormat.Percent(policy.MinRelativeDifference).TrimStart('+'));
        Fact(html, t.MinObservations, PricingReportFormat.Count(policy.MinObservationsPerCohort));
        Fact(html, t.Bucket, E(t.BucketValue(policy.TimeBucketMinutes)));
        var bins = policy.NumericAttributeBins.Count == 0
            ? E(t.NoBins)
            : string.Join("<br>", policy.NumericAttributeBins.OrderBy(b => b.Key, StringComparer.Ordinal)
                .Select(b => "<code>" + E(b.Key) + "</code>: " + E(string.Join(", ", b.Value.Select(PricingReportFormat.Number)))));
        Fact(html, t.Bins, bins);
        Fact(html, t.SampleCount, PricingReportFormat.Count(policy.SampleObservationIds));
        Fact(html, t.LegalBasis, string.Join("<br>", method.LegalBasis.Select(r => "<code>" + E(r.Id) + "</code>: " + E($"{r.Title} ({r.Citation})"))));
        html.Append("</dl>\n</section>\n");
    }

    internal static void Fact(StringBuilder html, string label, string valueHtml)
        => html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd>\n");

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
