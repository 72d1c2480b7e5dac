using System.Globalization;
using System.Text;
using Governance.Core.Localization;
using Governance.Core.Pricing.Scans;
using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Pricing.Report;

/// <summary>One finding of the report: its heading, its numbers, its chart and the quantiles of both sides.</summary>
internal static class PricingReportFinding
{
    public static void Render(StringBuilder html, PricingReportTexts t, RankedFinding ranked, ReaderLocale locale)
    {
        var f = ranked.Finding;
        var id = "finding-" + (ranked.Rank + 1).ToString(CultureInfo.InvariantCulture);
        html.Append("<article id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h3 id=\"").Append(id).Append("-h\">")
            .Append(t.FindingHeading(ranked.Rank + 1, "<code>" + E(f.ProductId) + "</code>", E(f.Attribute), E(f.Cohort.Value))).Append("</h3>\n<dl class=\"facts\">\n");
        var conditions = f.Conditions.Count == 0
            ? E(t.NoConditions)
            : string.Join("<br>", f.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => "<code>" + E(c.Key) + "</code> = " + E(c.Value)));
        PricingReport.Fact(html, t.Conditions, conditions);
        PricingReport.Fact(html, t.Quantity, PricingReportFormat.Count(f.Quantity) + " · " + E(f.Currency));
        PricingReport.Fact(html, t.TimeBucket, locale.TimeElement(f.BucketStart) + " – " + locale.TimeElement(f.BucketEnd));
        PricingReport.Fact(html, t.Cohort, E(t.UsersAndMedian(f.Cohort.N, PricingReportFormat.Price(f.Cohort.MedianPaidPrice, f.Currency))));
        PricingReport.Fact(html, t.Rest, E(t.UsersAndMedian(f.Rest.N, PricingReportFormat.Price(f.Rest.MedianPaidPrice, f.Currency))));
        PricingReport.Fact(html, t.RelativeDifference, "<strong>" + E(PricingReportFormat.Percent(f.RelativeDifference)) + "</strong>");
        PricingReport.Fact(html, t.PValue, E(PricingReportFormat.Probability(f.PValue)));
        PricingReport.Fact(html, t.AdjustedPValue, E(PricingReportFormat.Probability(f.AdjustedPValue)));
        PricingReport.Fact(html, t.LegalBasis, string.Join("<br>", f.LegalBasis.Select(r => "<code>" + E(r.Id) + "</code> (" + E(r.Citation) + ")")));
        PricingReport.Fact(html, t.Samples, string.Join(", ", f.SampleObservationIds.Select(s => "<code>" + E(s) + "</code>")));
        html.Append("</dl>\n<figure aria-labelledby=\"").Append(id).Append("-caption\">\n");
        PricingChart.Render(html, f, id + "-chart", t);
        html.Append("<figcaption id=\"").Append(id).Append("-caption\">").Append(E(t.ChartTitle(f.Attribute, f.Cohort.Value))).Append("</figcaption>\n")
            .Append("<ul class=\"legend\">\n<li>").Append(E(t.CohortLegend)).Append("</li>\n<li>").Append(E(t.RestLegend)).Append("</li>\n</ul>\n");
        Quantiles(html, t, f.Currency, f.Distribution);
        html.Append("</figure>\n</article>\n");
    }

    private static void Quantiles(StringBuilder html, PricingReportTexts t, string currency, PriceDistribution distribution)
    {
        html.Append("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"").Append(E(t.QuantileCaption)).Append("\">\n<table>\n<caption>")
            .Append(E(t.QuantileCaption)).Append(" (").Append(E(currency)).Append(")</caption>\n<thead><tr><th scope=\"col\">").Append(E(t.Group)).Append("</th>");
        foreach (var name in t.QuantileNames)
        {
            html.Append("<th scope=\"col\">").Append(E(name)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        Row(html, t.Cohort, currency, distribution.Cohort);
        Row(html, t.Rest, currency, distribution.Rest);
        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Row(StringBuilder html, string label, string currency, PriceQuantiles q)
    {
        html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th>");
        foreach (var value in new[] { q.Min, q.P10, q.P25, q.Median, q.P75, q.P90, q.Max })
        {
            html.Append("<td>").Append(E(PricingReportFormat.Price(value, currency, withCode: false))).Append("</td>");
        }

        html.Append("</tr>\n");
    }

    private static string E(string text) => PricingReport.E(text);
}
