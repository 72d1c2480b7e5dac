using Governance.Bench.Harness;

namespace Governance.Bench.Tests.Harness;

public sealed class BenchContextTests
{
    [Fact]
    public async Task Two_sides_alternate_which_goes_first_and_keep_their_figures_in_round_order()
    {
        var order = new List<string>();
        var context = Context();

        var figures = await context.AlternateAsync("step", 5, Side("a", order), Side("b", order));

        Assert.Equal(["a0", "b0", "b1", "a1", "a2", "b2", "b3", "a3", "a4", "b4"], order);
        Assert.Equal([0, 1, 2, 3, 4], figures[0]);
        Assert.Equal([100, 101, 102, 103, 104], figures[1]);
    }

    [Fact]
    public async Task Three_sides_rotate_the_first_turn()
    {
        var order = new List<string>();

        await Context().AlternateAsync("step", 5, Side("a", order), Side("b", order), Side("c", order));

        Assert.Equal(["a0", "b0", "c0", "b1", "c1", "a1", "c2", "a2", "b2"], order.Take(9));
    }

    [Fact]
    public async Task Fewer_than_five_rounds_are_refused()
        => await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Context().AlternateAsync("step", 4, Side("a", [])));

    [Fact]
    public void Quick_runs_take_the_quick_defaults_unless_an_option_says_otherwise()
    {
        var quick = BenchArgs.Parse(["--quick", "--requests", "50"]);

        Assert.True(quick.Quick);
        Assert.Equal(50, quick.Int("--requests", full: 2000, quick: 400));
        Assert.Equal(8, quick.Int("--concurrency", full: 16, quick: 8));
        Assert.Equal([1, 2], quick.Ints("--sizes", full: [1, 2, 3], quick: [1, 2]));
        Assert.Equal(5, quick.Rounds(full: 7));
        Assert.Equal(7, BenchArgs.Parse([]).Rounds(full: 7));
    }

    [Fact]
    public void Fewer_than_five_rounds_cannot_be_asked_for()
        => Assert.Throws<ArgumentException>(() => BenchArgs.Parse(["--rounds", "3"]).Rounds(full: 7));

    private static BenchContext Context() => new("test", BenchArgs.Parse([]), new Progress(TextWriter.Null, interactive: false));

    private static Side Side(string name, List<string> order)
        => new(name, round =>
        {
            order.Add(name + round);
            return Task.FromResult((name == "a" ? 0 : 100) + (double)round);
        });
}
