using System.Globalization;
using System.Text;

namespace Governance.Core.Disclosures;

public static class DiffLineTypes
{
    public const string Context = "context";
    public const string Deleted = "deleted";
    public const string Inserted = "inserted";
}

/// <summary>A line of a hunk with its 1-based line numbers in the old and new text (null where it does not exist).</summary>
public sealed record DiffLine(string Type, string Text, int? OldLine, int? NewLine);

/// <summary>A unified-diff hunk: <c>@@ -oldStart,oldLines +newStart,newLines @@</c>.</summary>
public sealed record DiffHunk(int OldStart, int OldLines, int NewStart, int NewLines, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// Line diffs between two versions' Markdown (<see cref="LineDiff"/>: minimal while cheap, bounded cost
/// always), as hunks with context, and as unified diff text. Linear in the number of lines once the edit
/// script is known.
/// </summary>
public static class DisclosureDiff
{
    public const int DefaultContext = 3;

    public static IReadOnlyList<DiffHunk> Hunks(string oldText, string newText, int context = DefaultContext, long budget = LineDiff.DefaultBudget)
    {
        var oldLines = Lines(oldText);
        var newLines = Lines(newText);
        var ops = LineDiff.Compute(oldLines, newLines, budget);

        // Lines of each side before each step, so a hunk's start is known without counting again.
        var oldBefore = new int[ops.Count + 1];
        var newBefore = new int[ops.Count + 1];
        var changes = new List<int>();
        for (var i = 0; i < ops.Count; i++)
        {
            oldBefore[i + 1] = oldBefore[i] + (ops[i].Old >= 0 ? 1 : 0);
            newBefore[i + 1] = newBefore[i] + (ops[i].New >= 0 ? 1 : 0);
            if (ops[i].Type != DiffLineTypes.Context)
            {
                changes.Add(i);
            }
        }

        var hunks = new List<DiffHunk>();
        var next = 0;
        for (var c = 0; c < changes.Count; c++)
        {
            // Extend over further changes separated by at most 2 × context equal lines.
            var first = changes[c];
            var last = first;
            while (c + 1 < changes.Count && changes[c + 1] - last - 1 <= 2 * context)
            {
                last = changes[++c];
            }

            var start = Math.Max(next, first - context);
            var end = Math.Min(ops.Count - 1, last + context);
            var lines = new List<DiffLine>(end - start + 1);
            for (var i = start; i <= end; i++)
            {
                var (type, o, n) = ops[i];
                lines.Add(new DiffLine(type, o >= 0 ? oldLines[o] : newLines[n], o >= 0 ? o + 1 : null, n >= 0 ? n + 1 : null));
            }

            // An empty side starts at the line before it (unified diff convention).
            var oldCount = oldBefore[end + 1] - oldBefore[start];
            var newCount = newBefore[end + 1] - newBefore[start];
            hunks.Add(new DiffHunk(
                oldCount > 0 ? oldBefore[start] + 1 : oldBefore[start], oldCount,
                newCount > 0 ? newBefore[start] + 1 : newBefore[start], newCount, lines));
            next = end + 1;
        }

        return hunks;
    }

    public static string Unified(string oldLabel, string newLabel, IReadOnlyList<DiffHunk> hunks)
    {
        var text = new StringBuilder();
        text.Append("--- ").Append(oldLabel).Append('\n');
        text.Append("+++ ").Append(newLabel).Append('\n');
        foreach (var hunk in hunks)
        {
            text.Append(CultureInfo.InvariantCulture, $"@@ -{hunk.OldStart},{hunk.OldLines} +{hunk.NewStart},{hunk.NewLines} @@\n");
            foreach (var line in hunk.Lines)
            {
                var marker = line.Type switch
                {
                    DiffLineTypes.Deleted => '-',
                    DiffLineTypes.Inserted => '+',
                    _ => ' ',
                };
                text.Append(marker).Append(line.Text).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The lines of a text: one line ending, and no final empty line for a text that ends with a newline.</summary>
    private static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }

        return normalized.Split('\n');
    }
}
