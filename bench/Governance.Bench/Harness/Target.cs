using System.Globalization;

namespace Governance.Bench.Harness;

/// <summary>What a comparison must show: a bound on the median per-round ratio, or on the project's median figure.</summary>
public abstract record Target
{
    public static Target RatioAtLeast(double value) => new RatioBound(value, AtLeast: true);

    public static Target RatioAtMost(double value) => new RatioBound(value, AtLeast: false);

    /// <summary>The project's median figure must stay below <paramref name="value"/> (in the comparison's unit).</summary>
    public static Target ProjectBelow(double value) => new ProjectBound(value);

    public abstract bool IsMet(Comparison comparison);

    public abstract string Describe(Comparison comparison);

    /// <summary>The ratio the chart draws the target at, when the target is one.</summary>
    public abstract double? RatioLine(Comparison comparison);

    private sealed record RatioBound(double Value, bool AtLeast) : Target
    {
        public override bool IsMet(Comparison comparison) => AtLeast ? comparison.Ratio >= Value : comparison.Ratio <= Value;

        public override string Describe(Comparison comparison) => string.Create(CultureInfo.InvariantCulture, $"ratio {(AtLeast ? "≥" : "≤")} {Value:0.0#}");

        public override double? RatioLine(Comparison comparison) => Value;
    }

    private sealed record ProjectBound(double Value) : Target
    {
        public override bool IsMet(Comparison comparison) => comparison.ProjectMedian < Value;

        public override string Describe(Comparison comparison) => string.Create(CultureInfo.InvariantCulture, $"{comparison.ProjectLabel} < {Value:0.###} {comparison.Unit}");

        public override double? RatioLine(Comparison comparison) => comparison.BaselineMedian > 0 ? Value / comparison.BaselineMedian : null;
    }
}
