using DiffPlex;
using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

public sealed class LineDiffTests
{
    [Fact]
    public void Random_edits_give_a_valid_minimal_script_no_longer_than_the_previous_engines()
    {
        var random = new Random(12);
        for (var round = 0; round < 300; round++)
        {
            var a = RandomLines(random, random.Next(0, 25), alphabet: 5);
            var b = random.Next(3) == 0 ? RandomLines(random, random.Next(0, 25), alphabet: 5) : Mutate(random, a);

            var edits = LineDiff.Compute(a, b);

            AssertValid(a, b, edits);
            Assert.Equal(a.Length + b.Length - (2 * Lcs(a, b)), Changes(edits));
            var previous = Differ.Instance.CreateLineDiffs(string.Join('\n', a), string.Join('\n', b), ignoreWhitespace: false);
            if (a.Length > 0 && b.Length > 0)
            {
                Assert.True(Changes(edits) <= previous.DiffBlocks.Sum(d => d.DeleteCountA + d.InsertCountB), $"round {round}");
            }
        }
    }

    [Fact]
    public void When_the_budget_runs_out_the_rest_is_replaced_whole_and_the_script_stays_valid()
    {
        var a = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? "same" : $"old {i}").ToArray();
        var b = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? "same" : $"new {i}").ToArray();

        var bounded = LineDiff.Compute(a, b, budget: 1000);
        var full = LineDiff.Compute(a, b);

        AssertValid(a, b, bounded);
        AssertValid(a, b, full);
        Assert.Equal(2000, Changes(full));
        Assert.Equal(a.Length + b.Length - 2, Changes(bounded)); // only the shared first line is kept
    }

    [Fact]
    public void Two_large_texts_that_differ_everywhere_still_give_a_valid_script()
    {
        // The case that took 37.7 s: two ~770 KB texts with few lines in common.
        var random = new Random(3);
        var a = Enumerable.Range(0, 12_000).Select(i => i % 7 == 0 ? string.Empty : $"Clause {i}: {random.Next():x8} {new string('a', 50)}").ToArray();
        var b = Enumerable.Range(0, 12_000).Select(i => i % 7 == 0 ? string.Empty : $"Article {i}: {random.Next():x8} {new string('b', 50)}").ToArray();

        var edits = LineDiff.Compute(a, b);

        AssertValid(a, b, edits);
    }

    [Fact]
    public void Within_a_change_deletions_come_before_insertions()
    {
        var edits = LineDiff.Compute(["a", "b", "c", "d"], ["a", "B", "C", "d"]);

        Assert.Equal(
            [DiffLineTypes.Context, DiffLineTypes.Deleted, DiffLineTypes.Deleted, DiffLineTypes.Inserted, DiffLineTypes.Inserted, DiffLineTypes.Context],
            edits.Select(e => e.Type).ToArray());
    }

    private static int Changes(List<LineEdit> edits) => edits.Count(e => e.Type != DiffLineTypes.Context);

    /// <summary>Old lines 0..N-1 and new lines 0..M-1 each appear once and in order, and kept lines are equal.</summary>
    private static void AssertValid(string[] a, string[] b, List<LineEdit> edits)
    {
        Assert.Equal(Enumerable.Range(0, a.Length), edits.Where(e => e.Old >= 0).Select(e => e.Old));
        Assert.Equal(Enumerable.Range(0, b.Length), edits.Where(e => e.New >= 0).Select(e => e.New));
        Assert.All(edits.Where(e => e.Type == DiffLineTypes.Context), e => Assert.Equal(a[e.Old], b[e.New]));
        Assert.All(edits.Where(e => e.Type == DiffLineTypes.Deleted), e => Assert.Equal(-1, e.New));
        Assert.All(edits.Where(e => e.Type == DiffLineTypes.Inserted), e => Assert.Equal(-1, e.Old));
    }

    private static int Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }

    private static string[] RandomLines(Random random, int count, int alphabet)
        => Enumerable.Range(0, count).Select(_ => ((char)('a' + random.Next(alphabet))).ToString()).ToArray();

    private static string[] Mutate(Random random, string[] lines)
    {
        var result = lines.ToList();
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(result.Count + 1);
            switch (random.Next(3))
            {
                case 0:
                    result.Insert(at, ((char)('a' + random.Next(5))).ToString());
                    break;
                case 1 when at < result.Count:
                    result.RemoveAt(at);
                    break;
                default:
                    if (at < result.Count)
                    {
                        result[at] = "changed";
                    }

                    break;
            }
        }

        return result.ToArray();
    }
}
