using Governance.Bench.Harness;

namespace Governance.Bench.Tests.Harness;

public sealed class ComparisonTests
{
    [Fact]
    public void The_ratio_is_the_median_of_the_per_round_ratios_not_the_ratio_of_the_medians()
    {
        // Rounds: 10/10 = 1.0, 20/40 = 0.5, 30/10 = 3.0, 40/50 = 0.8, 50/20 = 2.5; ratio of medians would be 30/20 = 1.5.
        var comparison = new Comparison("m", "ops/s", "project", [10, 20, 30, 40, 50], "baseline", [10, 40, 10, 50, 20]);

        Assert.Equal([1.0, 0.5, 3.0, 0.8, 2.5], comparison.RoundRatios);
        Assert.Equal(1.0, comparison.Ratio);
        Assert.Equal(30, comparison.ProjectMedian);
        Assert.Equal(20, comparison.BaselineMedian);
        Assert.Equal(5, comparison.Rounds);
    }

    [Theory]
    [InlineData(0.7, true)]
    [InlineData(0.69, false)]
    public void A_minimum_ratio_is_met_at_or_above_it(double ratio, bool met)
        => Assert.Equal(met, Pair(ratio, Target.RatioAtLeast(0.7)).Met);

    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2.01, false)]
    public void A_maximum_ratio_is_met_at_or_below_it(double ratio, bool met)
        => Assert.Equal(met, Pair(ratio, Target.RatioAtMost(2.0)).Met);

    [Fact]
    public void An_absolute_target_bounds_the_projects_median_and_is_drawn_relative_to_the_baseline()
    {
        var fast = new Comparison("check", "s", "check", [1.5, 1.9, 1.0, 1.2, 1.1], "extract", [1, 1, 1, 1, 1], LowerIsBetter: true, Target: Target.ProjectBelow(2));
        var slow = fast with { Project = [2.5, 2.1, 2.2, 1.0, 3.0] };

        Assert.True(fast.Met);
        Assert.False(slow.Met);
        Assert.Equal(2, fast.Target!.RatioLine(fast));
        Assert.Equal("check < 2 s", fast.Target.Describe(fast));
    }

    [Fact]
    public void A_comparison_without_a_target_is_neither_met_nor_missed()
        => Assert.Null(Pair(1, null).Met);

    private static Comparison Pair(double ratio, Target? target)
        => new("m", "ops/s", "p", [.. Enumerable.Repeat(ratio * 100, 5)], "b", [.. Enumerable.Repeat(100.0, 5)], Target: target);
}
