using System.Globalization;

namespace Governance.Bench.Harness;

/// <summary>How figures are printed: three significant digits or so, invariant culture.</summary>
public static class Figures
{
    public static string Format(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Met(bool? met) => met switch { true => "met", false => "**NOT met**", null => "–" };
}
