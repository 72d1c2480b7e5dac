using System.Globalization;
using System.Net;
using System.Text;
using Governance.Core.Pricing.Scanning;

namespace Governance.Core.Pricing.Report;

/// <summary>
/// The chart of one finding as inline SVG, drawn from the finding's stored histogram (no observation is read
/// again): per price bin, the share of the cohort's users (solid bar) beside the share of the rest's (hatched bar),
/// and each side's median as a line (solid and dashed). Fill and line style tell the sides apart, not colour
/// (everything is drawn in <c>currentColor</c>, so it follows the page's light or dark scheme); the SVG names itself
/// with <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>, and the figure's quantile table gives the numbers in text.
/// </summary>
public static class PricingChart
{
    private const double Width = 640, Height = 260, Left = 48, Right = 16, Top = 34, Bottom = 44;

    public static void Render(StringBuilder html, PricingFinding finding, string id, PricingReportTexts t)
    {
        var d = finding.Distribution;
        var bins = d.CohortCounts.Length;
        var cohortShares = Shares(d.CohortCounts);
        var restShares = Shares(d.RestCounts);
        var top = Math.Max(cohortShares.Concat(restShares).DefaultIfEmpty(0).Max(), 0.01);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / bins;
        var (low, high) = (d.BinEdges[0], d.BinEdges[^1]);
        var open = d.OpenEnds();
        double X(double price) => Left + (high > low ? Math.Clamp((price - low) / (high - low), 0, 1) * plotWidth : plotWidth / 2);
        double Y(double share) => Top + plotHeight - (share / top * plotHeight);

        var title = t.ChartTitle(finding.Attribute, finding.Cohort.Value);
        var description = t.ChartDescription(
            PricingReportFormat.Price(finding.Cohort.MedianPaidPrice, finding.Currency),
            PricingReportFormat.Price(finding.Rest.MedianPaidPrice, finding.Currency),
            PricingReportFormat.Percent(finding.RelativeDifference));
        html.Append("<svg class=\"chart\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(Height))
            .Append("\" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n")
            .Append("<title id=\"").Append(id).Append("-title\">").Append(E(title)).Append("</title>\n")
            .Append("<desc id=\"").Append(id).Append("-desc\">").Append(E(description)).Append("</desc>\n")
            .Append("<defs><pattern id=\"").Append(id).Append("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">")
            .Append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"currentColor\" stroke-width=\"2\"/></pattern></defs>\n")
            .Append("<g fill=\"currentColor\" stroke=\"currentColor\" font-size=\"12\">\n");

        // Axes with their extreme values: prices along the bottom, shares up the left side.
        html.Append(Line(Left, Top + plotHeight, Left + plotWidth, Top + plotHeight, null))
            .Append(Line(Left, Top, Left, Top + plotHeight, null))
            .Append(Text(Left, Height - 22, (open.Below ? "≤ " : string.Empty) + PricingReportFormat.Price(low, finding.Currency, withCode: false), "start"))
            .Append(Text(Left + plotWidth, Height - 22, (open.Above ? "≥ " : string.Empty) + PricingReportFormat.Price(high, finding.Currency, withCode: false), "end"))
            .Append(Text(Left + (plotWidth / 2), Height - 6, t.PriceAxis(finding.Currency), "middle"))
            .Append(Text(Left - 6, Top + 4, PricingReportFormat.Share(top), "end"))
            .Append(Text(Left - 6, Top + plotHeight, "0", "end"))
            .Append(Text(Left, Top - 22, t.ShareAxis, "start"));
        for (var b = 0; b < bins; b++)
        {
            var x = Left + (b * slot);
            var barWidth = Math.Max(1, (slot / 2) - 1);
            html.Append(Bar(x + 1, Y(cohortShares[b]), barWidth, Top + plotHeight - Y(cohortShares[b]), "currentColor"))
                .Append(Bar(x + 1 + barWidth, Y(restShares[b]), barWidth, Top + plotHeight - Y(restShares[b]), $"url(#{id}-hatch)"));
        }

        html.Append(Line(X(finding.Cohort.MedianPaidPrice), Top - 4, X(finding.Cohort.MedianPaidPrice), Top + plotHeight, null, width: 2))
            .Append(Line(X(finding.Rest.MedianPaidPrice), Top - 4, X(finding.Rest.MedianPaidPrice), Top + plotHeight, "6 4", width: 2))
            .Append("</g>\n</svg>\n");
    }

    private static double[] Shares(int[] counts)
    {
        var total = (double)Math.Max(1, counts.Sum());
        return [.. counts.Select(c => c / total)];
    }

    private static string Bar(double x, double y, double width, double height, string fill)
        => $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\" stroke-width=\"0.75\"/>\n";

    private static string Line(double x1, double y1, double x2, double y2, string? dash, double width = 1)
        => $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke-width=\"{N(width)}\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")}/>\n";

    private static string Text(double x, double y, string text, string anchor)
        => $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" stroke=\"none\">{E(text)}</text>\n";

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
