namespace Governance.Core.Disclosures;

/// <summary>One step of a line edit script: an equal line (both indexes), a deleted line (old index) or an inserted line (new index); 0-based, -1 where absent.</summary>
public readonly record struct LineEdit(string Type, int Old, int New);

/// <summary>
/// A line edit script between two texts with a bounded cost. Lines are interned to integers, the common prefix
/// and suffix are trimmed, and what remains is compared with Myers' O((N+M)·D) algorithm in linear space
/// (bisection at the middle snake). Every unit of work (array cells, diagonals tried, snake steps) is charged
/// to one budget for the whole comparison: once it runs out, each region still unresolved becomes "delete
/// all of it, insert all of it". The script is then no longer minimal but always correct (applying it to the
/// old text gives the new one), and the cost stays O(N + M + budget) whatever the inputs, instead of growing
/// with the product of their sizes when two large texts differ a lot.
/// </summary>
public static class LineDiff
{
    /// <summary>
    /// A fraction of a second of work: a minimal script whenever the texts differ in up to about two thousand
    /// lines (consecutive versions of a policy usually differ in far fewer), a valid one always.
    /// </summary>
    public const long DefaultBudget = 10_000_000;

    public static List<LineEdit> Compute(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, long budget = DefaultBudget)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Intern(string line)
        {
            if (!ids.TryGetValue(line, out var id))
            {
                ids[line] = id = ids.Count;
            }

            return id;
        }

        var a = oldLines.Select(Intern).ToArray();
        var b = newLines.Select(Intern).ToArray();
        var worker = new Worker(a, b, budget);
        worker.Diff(0, a.Length, 0, b.Length);
        return GroupChanges(worker.Edits);
    }

    /// <summary>Within each run of changes, deletions first and then insertions (the unified-diff convention); still a valid script.</summary>
    private static List<LineEdit> GroupChanges(List<LineEdit> edits)
    {
        var grouped = new List<LineEdit>(edits.Count);
        var inserted = new List<LineEdit>();
        foreach (var edit in edits)
        {
            if (edit.Type == DiffLineTypes.Context)
            {
                grouped.AddRange(inserted);
                inserted.Clear();
                grouped.Add(edit);
            }
            else if (edit.Type == DiffLineTypes.Deleted)
            {
                grouped.Add(edit);
            }
            else
            {
                inserted.Add(edit);
            }
        }

        grouped.AddRange(inserted);
        return grouped;
    }

    private sealed class Worker(int[] a, int[] b, long budget)
    {
        private long _budget = budget;

        public List<LineEdit> Edits { get; } = new(Math.Max(a.Length, b.Length));

        public void Diff(int aLo, int aHi, int bLo, int bHi)
        {
            while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo])
            {
                Edits.Add(new LineEdit(DiffLineTypes.Context, aLo++, bLo++));
            }

            var suffix = 0;
            while (aLo < aHi - suffix && bLo < bHi - suffix && a[aHi - 1 - suffix] == b[bHi - 1 - suffix])
            {
                suffix++;
            }

            aHi -= suffix;
            bHi -= suffix;
            if (aLo == aHi || bLo == bHi || !Bisect(aLo, aHi, bLo, bHi))
            {
                Replace(aLo, aHi, bLo, bHi);
            }

            for (var i = 0; i < suffix; i++)
            {
                Edits.Add(new LineEdit(DiffLineTypes.Context, aHi + i, bHi + i));
            }
        }

        private void Replace(int aLo, int aHi, int bLo, int bHi)
        {
            for (var i = aLo; i < aHi; i++)
            {
                Edits.Add(new LineEdit(DiffLineTypes.Deleted, i, -1));
            }

            for (var j = bLo; j < bHi; j++)
            {
                Edits.Add(new LineEdit(DiffLineTypes.Inserted, -1, j));
            }
        }

        private bool Spend(long units)
        {
            _budget -= units;
            return _budget >= 0;
        }

        /// <summary>
        /// Finds the middle snake of the non-empty ranges (whose first and last lines differ) and recurses on both
        /// sides of it. False when the budget runs out or no split exists: the caller replaces the whole range.
        /// </summary>
        private bool Bisect(int aLo, int aHi, int bLo, int bHi)
        {
            int n = aHi - aLo, m = bHi - bLo;
            var maxD = (n + m + 1) / 2;
            var offset = maxD;
            var length = 2 * maxD + 2;
            if (!Spend(2L * length))
            {
                return false;
            }

            var forward = new int[length];
            var reverse = new int[length];
            Array.Fill(forward, -1);
            Array.Fill(reverse, -1);
            forward[offset + 1] = 0;
            reverse[offset + 1] = 0;
            var delta = n - m;
            var frontOverlaps = (delta & 1) != 0;
            int kForwardStart = 0, kForwardEnd = 0, kReverseStart = 0, kReverseEnd = 0;

            for (var d = 0; d < maxD; d++)
            {
                for (var k = -d + kForwardStart; k <= d - kForwardEnd; k += 2)
                {
                    var i = offset + k;
                    var x = k == -d || (k != d && forward[i - 1] < forward[i + 1]) ? forward[i + 1] : forward[i - 1] + 1;
                    var y = x - k;
                    var start = x;
                    while (x < n && y < m && a[aLo + x] == b[bLo + y])
                    {
                        x++;
                        y++;
                    }

                    if (!Spend(1 + x - start))
                    {
                        return false;
                    }

                    forward[i] = x;
                    if (x > n)
                    {
                        kForwardEnd += 2;
                    }
                    else if (y > m)
                    {
                        kForwardStart += 2;
                    }
                    else if (frontOverlaps)
                    {
                        var r = offset + delta - k;
                        if (r >= 0 && r < length && reverse[r] != -1 && x >= n - reverse[r])
                        {
                            return Split(aLo, aHi, bLo, bHi, x, y);
                        }
                    }
                }

                for (var k = -d + kReverseStart; k <= d - kReverseEnd; k += 2)
                {
                    var i = offset + k;
                    var x = k == -d || (k != d && reverse[i - 1] < reverse[i + 1]) ? reverse[i + 1] : reverse[i - 1] + 1;
                    var y = x - k;
                    var start = x;
                    while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y])
                    {
                        x++;
                        y++;
                    }

                    if (!Spend(1 + x - start))
                    {
                        return false;
                    }

                    reverse[i] = x;
                    if (x > n)
                    {
                        kReverseEnd += 2;
                    }
                    else if (y > m)
                    {
                        kReverseStart += 2;
                    }
                    else if (!frontOverlaps)
                    {
                        var f = offset + delta - k;
                        if (f >= 0 && f < length && forward[f] != -1)
                        {
                            var forwardX = forward[f];
                            var forwardY = forwardX - (f - offset);
                            if (forwardX >= n - x)
                            {
                                return Split(aLo, aHi, bLo, bHi, forwardX, forwardY);
                            }
                        }
                    }
                }
            }

            return false;
        }

        private bool Split(int aLo, int aHi, int bLo, int bHi, int x, int y)
        {
            // A split that leaves one side empty would recurse on the same range forever: never take it.
            if ((x == 0 && y == 0) || (x == aHi - aLo && y == bHi - bLo))
            {
                return false;
            }

            Diff(aLo, aLo + x, bLo, bLo + y);
            Diff(aLo + x, aHi, bLo + y, bHi);
            return true;
        }
    }
}
