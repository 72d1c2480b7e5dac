using Governance.Bench.Harness;

namespace Governance.Bench.Tests.Harness;

public sealed class StatsTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_its_middle_value()
        => Assert.Equal(3, Stats.Median([9, 1, 3, 7, 2]));

    [Fact]
    public void The_median_of_an_even_count_averages_its_two_middle_values()
        => Assert.Equal(4.5, Stats.Median([8, 1, 4, 5]));

    [Fact]
    public void The_99th_percentile_is_the_nearest_rank_value()
    {
        var values = Enumerable.Range(1, 200).Select(i => (double)i).Reverse().ToList();

        Assert.Equal(198, Stats.Percentile(values, 99));
        Assert.Equal(7, Stats.Percentile([1, 2, 7], 99));
    }

    [Fact]
    public void No_values_have_no_median()
        => Assert.Throws<ArgumentException>(() => Stats.Median([]));
}
