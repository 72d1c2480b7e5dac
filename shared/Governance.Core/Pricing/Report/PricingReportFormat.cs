using System.Globalization;
using Governance.Core.Money;

namespace Governance.Core.Pricing.Report;

/// <summary>Numbers as the report writes them, the same in every language (invariant digits, ISO currency codes).</summary>
public static class PricingReportFormat
{
    /// <summary>Minor units as an amount of the currency: 12345.5 minor units of CNY → <c>123.46 CNY</c>.</summary>
    public static string Price(double minorUnits, string currency, bool withCode = true)
    {
        var digits = Iso4217.IsActive(currency) ? Iso4217.MinorUnits(currency) : 0;
        var amount = (minorUnits / Math.Pow(10, digits)).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return withCode ? amount + " " + currency : amount;
    }

    /// <summary>A relative difference with its sign: <c>+4.83%</c>, <c>−2.10%</c>.</summary>
    public static string Percent(double fraction)
        => (fraction >= 0 ? "+" : "−") + Math.Abs(fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A share of users: <c>25%</c>.</summary>
    public static string Share(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A p-value: four decimals, or scientific notation below 0.0001.</summary>
    public static string Probability(double p)
        => p >= 0.0001 ? p.ToString("0.0000", CultureInfo.InvariantCulture) : p.ToString("0.0E+0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
