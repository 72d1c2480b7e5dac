using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureDiffTests
{
    [Fact]
    public void Identical_texts_have_no_hunks()
        => Assert.Empty(DisclosureDiff.Hunks("a\nb\n", "a\r\nb\r\n"));

    [Fact]
    public void A_changed_line_is_a_deletion_and_an_insertion_with_context_and_line_numbers()
    {
        var oldText = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")) + "\n";
        var newText = oldText.Replace("line 5", "line five", StringComparison.Ordinal);

        var hunk = Assert.Single(DisclosureDiff.Hunks(oldText, newText));

        Assert.Equal((2, 7, 2, 7), (hunk.OldStart, hunk.OldLines, hunk.NewStart, hunk.NewLines));
        Assert.Equal(
            [("context", "line 2"), ("context", "line 3"), ("context", "line 4"), ("deleted", "line 5"), ("inserted", "line five"), ("context", "line 6"), ("context", "line 7"), ("context", "line 8")],
            hunk.Lines.Select(l => (l.Type, l.Text)).ToArray());
        var deleted = hunk.Lines.Single(l => l.Type == DiffLineTypes.Deleted);
        var inserted = hunk.Lines.Single(l => l.Type == DiffLineTypes.Inserted);
        Assert.Equal((5, (int?)null), (deleted.OldLine!.Value, deleted.NewLine));
        Assert.Equal(((int?)null, 5), (inserted.OldLine, inserted.NewLine!.Value));
    }

    [Fact]
    public void Changes_far_apart_are_separate_hunks_and_close_ones_merge()
    {
        var oldText = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"l{i}"));
        var far = oldText.Replace("l2\n", "L2\n", StringComparison.Ordinal).Replace("l25", "L25", StringComparison.Ordinal);
        var near = oldText.Replace("l10\n", "L10\n", StringComparison.Ordinal).Replace("l15", "L15", StringComparison.Ordinal);

        Assert.Equal(2, DisclosureDiff.Hunks(oldText, far).Count);
        Assert.Single(DisclosureDiff.Hunks(oldText, near));
    }

    [Fact]
    public void Unified_text_has_headers_hunk_ranges_and_markers()
    {
        var hunks = DisclosureDiff.Hunks("a\nb\nc\n", "a\nB\nc\nd\n");

        var text = DisclosureDiff.Unified("old", "new", hunks);

        Assert.Equal("--- old\n+++ new\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n", text);
    }

    [Fact]
    public void An_insertion_into_an_empty_range_starts_at_the_line_before()
    {
        var hunk = Assert.Single(DisclosureDiff.Hunks("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\ne\nf\ng\nh\ni\n", context: 0));

        Assert.Equal((8, 0, 9, 1), (hunk.OldStart, hunk.OldLines, hunk.NewStart, hunk.NewLines));
    }
}
