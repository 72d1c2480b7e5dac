using System.Text.RegularExpressions;
using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// Splits a contract into clauses and sentences, in English and Chinese. A clause starts at a numbering mark at
/// the start of a line (<c>1.</c>, <c>1.1</c>, <c>(a)</c>, <c>Article 5</c>, <c>第五条</c>, <c>（一）</c>, <c>一、</c>) or at a new
/// paragraph; short lines without a verb are headings, kept apart from the text so that a heading alone never
/// makes a clause count. Sentences end at <c>。！？；</c>, at <c>;</c>, and at a full stop before a new sentence.
/// </summary>
public static partial class ClauseSegmenter
{
    /// <summary>How many clauses below it a heading is attached to.</summary>
    public const int HeadingReach = 3;

    /// <summary>Longest sentence analysed as one; longer runs are cut.</summary>
    public const int MaxSentenceLength = 1500;

    public static IReadOnlyList<ContractClause> Segment(ContractDocument document)
    {
        var clauses = new List<ContractClause>();
        string? heading = null;
        string? headingNumber = null;
        string? section = null;
        IReadOnlyList<string>? tableHeader = null;
        var headingAt = 0;
        for (var b = 0; b < document.Blocks.Count; b++)
        {
            var block = document.Blocks[b];
            if (block.Kind == ContractBlockKind.Heading)
            {
                var (number, rest) = SplitMarker(block.Text);
                heading = rest.Trim();
                section = block.Text.Trim();
                headingNumber = number;
                headingAt = clauses.Count;
                continue;
            }

            if (block.Kind == ContractBlockKind.TableRow)
            {
                tableHeader = TableRow(block, b, tableHeader);
                continue;
            }

            tableHeader = null;
            var open = default(Draft);
            var lines = Lines(block.Text).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                var (line, lineOffset) = lines[i];
                var offset = block.Location.Offset + lineOffset;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                var (number, rest) = SplitMarker(line);
                var restOffset = offset + (line.Length - rest.Length);
                if (number is not null && open is not null && IsWrappedLine(open.Text, number))
                {
                    open.Append(line);
                    continue;
                }

                if (number is not null)
                {
                    Close(open);
                    open = null;
                    if (IsHeadingLike(rest, standalone: true))
                    {
                        heading = rest.Trim().TrimEnd(':');
                        headingNumber = number;
                        headingAt = clauses.Count;
                        continue;
                    }

                    var (inlineHeading, body, bodyOffset) = SplitInlineHeading(rest, restOffset);
                    open = new Draft(number, inlineHeading ?? Recent(), bodyOffset, body);
                    continue;
                }

                if (open is null && i == 0 && IsHeadingLike(line, standalone: lines.Count == 1 || LooksLikeTitle(line)))
                {
                    heading = line.Trim().TrimEnd(':');
                    section = heading;
                    headingNumber = null;
                    headingAt = clauses.Count;
                    continue;
                }

                if (open is null)
                {
                    open = new Draft(headingNumber, Recent(), offset, line);
                }
                else
                {
                    open.Append(line);
                }
            }

            Close(open);
        }

        return clauses;

        // A heading speaks for the few clauses right below it, not for the rest of the document (a title would
        // otherwise complete every sentence that shares a word with it).
        string? Recent() => heading is not null && clauses.Count - headingAt < HeadingReach ? heading : null;

        void Close(Draft? draft)
        {
            if (draft is null || draft.Text.Trim().Length == 0)
            {
                return;
            }

            var text = draft.Text;
            var leading = text.Length - text.TrimStart().Length;
            text = text.Trim();
            var offset = draft.Offset + leading;
            clauses.Add(new ContractClause(clauses.Count + 1, draft.Number, draft.Heading, text, offset, Sentences(text, offset)) { Section = section });
        }

        // The first row of a table, when it reads like column titles, is the header of the rows below it; each
        // other row is a clause of its own, whole, that knows the header.
        IReadOnlyList<string>? TableRow(ContractBlock block, int index, IReadOnlyList<string>? header)
        {
            var cells = block.Text.Split(CellSeparator, StringSplitOptions.TrimEntries);
            var next = index + 1 < document.Blocks.Count ? document.Blocks[index + 1] : null;
            if (header is null && next?.Kind == ContractBlockKind.TableRow && cells.All(c => IsHeadingLike(c, standalone: true)))
            {
                return cells;
            }

            var text = block.Text.Trim();
            var offset = block.Location.Offset + (block.Text.Length - block.Text.TrimStart().Length);
            clauses.Add(new ContractClause(clauses.Count + 1, null, Recent(), text, offset, Sentences(text, offset)) { Section = section, TableHeader = header });
            return header;
        }
    }

    /// <summary>How table cells are joined in a row's text (by every reader).</summary>
    public const string CellSeparator = " | ";

    /// <summary>
    /// The lines of a block with their offsets in it; a line is also cut where a Chinese sentence ends and a new
    /// numbered item starts ("…定向广告。二、甲方应当…"), which PDF layout analysis may run into one line.
    /// </summary>
    private static IEnumerable<(string Line, int Offset)> Lines(string text)
    {
        var start = 0;
        foreach (var line in text.Split('\n'))
        {
            var from = 0;
            foreach (Match m in InlineItem().Matches(line))
            {
                yield return (line[from..m.Index], start + from);
                from = m.Index;
            }

            yield return (line[from..], start + from);
            start += line.Length + 1;
        }
    }

    /// <summary>
    /// A line of running text broken before "(24) hours" or "7.2 of the Agreement": a bracketed or decimal mark
    /// after a line that stops mid-sentence continues it rather than opening a clause.
    /// </summary>
    private static bool IsWrappedLine(string open, string number)
    {
        var last = open.TrimEnd();
        return last.Length > 0 && (char.IsLetterOrDigit(last[^1]) || last[^1] is ',' or '-')
               && (number.StartsWith('(') || char.IsDigit(number[0]))
               && !Cues.IsHan(last[^1]);
    }

    /// <summary>Splits <paramref name="text"/> (starting at <paramref name="offset"/> in the document) into sentences.</summary>
    public static IReadOnlyList<ContractSentence> Sentences(string text, int offset)
    {
        var sentences = new List<ContractSentence>();
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            var stop = end.Index + end.Length;
            if (end.Value.StartsWith('.') && IsAbbreviation(text, end.Index))
            {
                continue;
            }

            Add(start, stop);
            start = stop;
        }

        Add(start, text.Length);
        return sentences;

        void Add(int from, int to)
        {
            // A run-on "sentence" (a table dump, text without punctuation) is cut at blanks so that no
            // expression ever scans more than a bounded piece.
            while (to - from > MaxSentenceLength)
            {
                var cut = text.LastIndexOfAny([' ', '\n', ',', '，'], from + MaxSentenceLength - 1, MaxSentenceLength / 2);
                cut = cut <= from ? from + MaxSentenceLength : cut + 1;
                Add(from, cut);
                from = cut;
            }

            var piece = text[from..to];
            var lead = piece.Length - piece.TrimStart().Length;
            piece = piece.Trim();
            if (piece.Length > 0)
            {
                sentences.Add(new ContractSentence(ContractText.JoinLines(piece), offset + from + lead));
            }
        }
    }

    /// <summary>The numbering mark at the start of <paramref name="line"/> and the text after it.</summary>
    internal static (string? Number, string Remainder) SplitMarker(string line)
    {
        var m = Marker().Match(line);
        return m.Success ? (m.Groups["n"].Value.Trim(), line[m.Length..]) : (null, line);
    }

    /// <summary>A heading: short, no sentence end, no verb of obligation.</summary>
    internal static bool IsHeadingLike(string text, bool standalone)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.Length > 80 || !standalone)
        {
            return t.Length == 0;
        }

        if (t[^1] is '.' or ';' or '。' or ',' or '，' && !t.EndsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        var han = t.Count(Cues.IsHan);
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (han > 20 || (han == 0 && words > 10))
        {
            return false;
        }

        return !Verb().IsMatch(t);
    }

    private static bool LooksLikeTitle(string line)
    {
        var t = line.Trim();
        if (t.EndsWith(':'))
        {
            return true;
        }

        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).ToList();
        var han = t.Count(Cues.IsHan);
        return (han > 0 && han <= 15 && !t.Any(c => c is ',' or '，' or '。'))
               || (words.Count > 0 && words.All(w => char.IsUpper(w[0])));
    }

    /// <summary>"Incident Notification. The Developer shall…" → heading and body; "【安全事件】乙方应…" likewise.</summary>
    private static (string? Heading, string Body, int BodyOffset) SplitInlineHeading(string rest, int offset)
    {
        var m = InlineHeading().Match(rest);
        if (m.Success && IsHeadingLike(m.Groups["h"].Value, standalone: true) && LooksLikeTitle(m.Groups["h"].Value))
        {
            var body = m.Groups["b"];
            return (m.Groups["h"].Value.Trim(), body.Value, offset + body.Index);
        }

        return (null, rest, offset);
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text[start..dot];
        return word.Length == 1 || Abbreviations.Contains(word) || (dot > 0 && char.IsDigit(text[dot - 1]) && dot + 1 < text.Length && char.IsDigit(text[dot + 1]));
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "art", "arts", "no", "nos", "co", "ltd", "inc", "corp", "mr", "ms", "dr", "sec", "para", "cf", "vs", "approx", "incl", "pp", "p",
    };

    private sealed class Draft(string? number, string? heading, int offset, string text)
    {
        public string? Number { get; } = number;

        public string? Heading { get; } = heading;

        public int Offset { get; } = offset;

        public string Text { get; private set; } = text;

        public void Append(string line) => Text += "\n" + line;
    }

    [GeneratedRegex(@"^\s*(?<n>(?:article|section|clause|art\.)\s*\d+(?:\.\d+)*[.:]?|第[一二三四五六七八九十百零〇两\d]+[条章节款项]|\d+(?:\.\d+)+\.?|\d{1,3}[.)、](?!\d)|\((?:[a-zA-Z]{1,2}|[ivxlc]+|\d{1,3}|[一二三四五六七八九十]+)\)|[a-zA-Z][.)](?=\s)|[一二三四五六七八九十]+[、.]|[IVX]+\.(?=\s)|[•·▪●◦‣\-*](?=\s))\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*(?:【(?<h>[^】]{1,30})】\s*|(?<h>[^.:;。；\n]{2,60}?)[.:]\s+)(?<b>\S.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineHeading();

    [GeneratedRegex(@"(?<=[。；;！？])[ \t]*(?=第[一二三四五六七八九十百零〇两\d]+[条章]|[一二三四五六七八九十]+、|\((?:[一二三四五六七八九十]+|\d{1,2})\)[\u4E00-\u9FFF])", RegexOptions.CultureInvariant)]
    private static partial Regex InlineItem();

    [GeneratedRegex(@"(?:[。！？!?;；]+|\.(?=\s+[\p{Lu}\d(""“]|\s*$|\s*\n))", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?i:\b(?:shall|must|will|may|agrees?|undertakes?|warrants?|confirms?|is|are|be|has|have|does|do|should|can|means)\b)|应|须|不得|可以|有权|将|是|负责|承诺|保证|同意|确认|接受|遵守", RegexOptions.CultureInvariant)]
    private static partial Regex Verb();
}
