using System.Globalization;
using System.Text;
using DiffPlex;

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

/// <summary>Line diffs between two versions' Markdown (DiffPlex), as hunks with context, and as unified diff text.</summary>
public static class DisclosureDiff
{
    public const int DefaultContext = 3;

    public static IReadOnlyList<DiffHunk> Hunks(string oldText, string newText, int context = DefaultContext)
    {
        var result = Differ.Instance.CreateLineDiffs(Normalize(oldText), Normalize(newText), ignoreWhitespace: false);
        var oldLines = result.PiecesOld;
        var newLines = result.PiecesNew;

        // The whole edit script: equal, deleted and inserted lines with their 0-based indexes.
        var ops = new List<(string Type, int Old, int New)>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks.OrderBy(d => d.DeleteStartA))
        {
            while (a < block.DeleteStartA)
            {
                ops.Add((DiffLineTypes.Context, a++, b++));
            }

            for (var i = 0; i < block.DeleteCountA; i++)
            {
                ops.Add((DiffLineTypes.Deleted, a++, -1));
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                ops.Add((DiffLineTypes.Inserted, -1, b++));
            }
        }

        while (a < oldLines.Count)
        {
            ops.Add((DiffLineTypes.Context, a++, b++));
        }

        var hunks = new List<DiffHunk>();
        var index = 0;
        while (index < ops.Count)
        {
            var firstChange = ops.FindIndex(index, o => o.Type != DiffLineTypes.Context);
            if (firstChange < 0)
            {
                break;
            }

            // Extend over further changes separated by at most 2 × context equal lines.
            var lastChange = firstChange;
            for (var next = firstChange + 1; next < ops.Count; next++)
            {
                if (ops[next].Type == DiffLineTypes.Context)
                {
                    continue;
                }

                if (next - lastChange - 1 > 2 * context)
                {
                    break;
                }

                lastChange = next;
            }

            var start = Math.Max(index == 0 ? 0 : index, firstChange - context);
            var end = Math.Min(ops.Count - 1, lastChange + context);
            hunks.Add(ToHunk(ops, start, end, oldLines, newLines));
            index = end + 1;
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

    private static DiffHunk ToHunk(List<(string Type, int Old, int New)> ops, int start, int end, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var lines = new List<DiffLine>();
        int oldCount = 0, newCount = 0;
        for (var i = start; i <= end; i++)
        {
            var (type, o, n) = ops[i];
            lines.Add(new DiffLine(type, o >= 0 ? oldLines[o] : newLines[n], o >= 0 ? o + 1 : null, n >= 0 ? n + 1 : null));
            oldCount += o >= 0 ? 1 : 0;
            newCount += n >= 0 ? 1 : 0;
        }

        // Lines before the hunk; an empty side starts at the line before it (unified diff convention).
        var oldBefore = ops.Take(start).Count(o => o.Old >= 0);
        var newBefore = ops.Take(start).Count(o => o.New >= 0);
        return new DiffHunk(oldCount > 0 ? oldBefore + 1 : oldBefore, oldCount, newCount > 0 ? newBefore + 1 : newBefore, newCount, lines);
    }

    /// <summary>One line ending, and no final empty line for a text that ends with a newline.</summary>
    private static string Normalize(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return normalized.EndsWith('\n') ? normalized[..^1] : normalized;
    }
}
