using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Governance.Core.Tests.Onboarding;

/// <summary>A paragraph of a corpus contract: a heading, body text or a table row (<see cref="CorpusRenderer.Row"/>).</summary>
public sealed record CorpusParagraph(string Kind, string Text);

/// <summary>
/// Renders corpus contracts to TXT, Markdown, DOCX (OpenXml, table rows as a table) and PDF (PdfPig's builder: Helvetica for English,
/// an embedded TrueType CJK font for Chinese, which only the one-off corpus generation needs).
/// </summary>
public static class CorpusRenderer
{
    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Margin = 56;

    /// <summary>Kind of a table row; its cells are separated by <see cref="CellSeparator"/>. Consecutive rows form one table.</summary>
    public const string Row = "row";

    public const string CellSeparator = " | ";

    /// <summary>Paragraphs separated by blank lines; the rows of a table as consecutive lines.</summary>
    public static byte[] Text(IReadOnlyList<CorpusParagraph> paragraphs)
        => Encoding.UTF8.GetBytes(string.Join("\n\n", Groups(paragraphs).Select(g => string.Join("\n", g.Select(p => p.Text)))) + "\n");

    /// <summary>Headings as #/##, tables as pipe tables (the first row is the header).</summary>
    public static byte[] Markdown(IReadOnlyList<CorpusParagraph> paragraphs)
        => Encoding.UTF8.GetBytes(string.Join("\n\n", Groups(paragraphs).Select((g, i) => g[0].Kind switch
        {
            "heading" => (i == 0 ? "# " : "## ") + g[0].Text,
            Row => PipeTable(g),
            _ => g[0].Text,
        })) + "\n");

    private static string PipeTable(IReadOnlyList<CorpusParagraph> rows)
    {
        var lines = rows.Select(r => "| " + r.Text + " |").ToList();
        lines.Insert(1, "|" + string.Concat(Enumerable.Repeat("---|", Cells(rows[0]).Length)));
        return string.Join("\n", lines);
    }

    private static string[] Cells(CorpusParagraph row) => row.Text.Split(CellSeparator);

    /// <summary>Each paragraph alone, except that consecutive table rows stay together.</summary>
    private static List<List<CorpusParagraph>> Groups(IReadOnlyList<CorpusParagraph> paragraphs)
    {
        var groups = new List<List<CorpusParagraph>>();
        foreach (var p in paragraphs)
        {
            if (p.Kind == Row && groups.Count > 0 && groups[^1][0].Kind == Row)
            {
                groups[^1].Add(p);
            }
            else
            {
                groups.Add([p]);
            }
        }

        return groups;
    }

    public static byte[] Docx(IReadOnlyList<CorpusParagraph> paragraphs, Action<MainDocumentPart, Body>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            foreach (var group in Groups(paragraphs))
            {
                if (group[0].Kind == Row)
                {
                    body.AppendChild(new Table(group.Select(r => new TableRow(Cells(r).Select(c => new TableCell(Para(c)))))));
                    continue;
                }

                var paragraph = Para(group[0].Text);
                if (group[0].Kind == "heading")
                {
                    paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }));
                }

                body.AppendChild(paragraph);
            }

            extra?.Invoke(main, body);
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();

        static Paragraph Para(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>A PDF of the paragraphs, wrapped and paginated; <paramref name="cjkFont"/> for Chinese text.</summary>
    public static byte[] Pdf(IReadOnlyList<CorpusParagraph> paragraphs, byte[]? cjkFont = null)
    {
        var builder = new PdfDocumentBuilder();
        var latin = builder.AddStandard14Font(Standard14Font.Helvetica);
        var latinBold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        // PdfPig writes TrueType fonts as simple fonts (at most 255 codes), so Chinese text is spread over
        // several instances of the same font, each holding up to 200 distinct characters.
        var cjkFonts = new List<(PdfDocumentBuilder.AddedFont Font, HashSet<char> Chars)>();
        PdfDocumentBuilder.AddedFont CjkFor(char c)
        {
            var slot = cjkFonts.FirstOrDefault(f => f.Chars.Contains(c));
            if (slot.Chars is null)
            {
                slot = cjkFonts.FirstOrDefault(f => f.Chars.Count < 200);
                if (slot.Chars is null)
                {
                    slot = (builder.AddTrueTypeFont(cjkFont!), new HashSet<char>());
                    cjkFonts.Add(slot);
                }

                slot.Chars.Add(c);
            }

            return slot.Font;
        }

        var page = builder.AddPage(PageWidth, PageHeight);
        var y = PageHeight - Margin;
        foreach (var p in paragraphs)
        {
            var heading = p.Kind == "heading";
            var size = heading ? 12.0 : 10.0;
            var text = p.Kind == Row ? string.Join("   ", Cells(p)) : p.Text;
            var lines = Wrap(text, cjkFont is not null ? (int)((PageWidth - 2 * Margin) / (size + 0.5)) : (int)((PageWidth - 2 * Margin) / (size * 0.52)));
            if (y - (lines.Count * size * 1.4) < Margin && y < PageHeight - Margin)
            {
                page = builder.AddPage(PageWidth, PageHeight);
                y = PageHeight - Margin;
            }

            foreach (var line in lines)
            {
                if (y < Margin)
                {
                    page = builder.AddPage(PageWidth, PageHeight);
                    y = PageHeight - Margin;
                }

                var x = Margin;
                foreach (var run in Runs(line, c => c < 128 || cjkFont is null ? (heading ? latinBold : latin) : CjkFor(c)))
                {
                    var font = run.Font;
                    var letters = page.AddText(run.Text, size, new PdfPoint(x, y), font);
                    x = letters.Count > 0 ? letters[^1].EndBaseLine.X : x;
                }

                y -= size * 1.45;
            }

            y -= size * 1.2;
        }

        return builder.Build();
    }

    /// <summary>The line cut into runs of ASCII and of other characters (each drawn in its own font).</summary>
    private static List<(string Text, PdfDocumentBuilder.AddedFont Font)> Runs(string line, Func<char, PdfDocumentBuilder.AddedFont> fontOf)
    {
        var runs = new List<(string Text, PdfDocumentBuilder.AddedFont Font)>();
        var start = 0;
        var fonts = line.Select(fontOf).ToList();
        for (var i = 1; i <= line.Length; i++)
        {
            if (i == line.Length || fonts[i] != fonts[start])
            {
                runs.Add((line[start..i], fonts[start]));
                start = i;
            }
        }

        return runs;
    }

    /// <summary>Greedy wrap at <paramref name="width"/> characters: at blanks for Latin text, anywhere for Chinese.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        var cjk = text.Count(c => c >= '\u4E00' && c <= '\u9FFF') > text.Length / 4;
        var tokens = cjk ? text.Select(c => c.ToString()) : text.Split(' ');
        foreach (var token in tokens)
        {
            var add = cjk || current.Length == 0 ? token : " " + token;
            if (current.Length + add.Length > width && current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
                add = token;
            }

            current.Append(add);
        }

        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }

        return lines;
    }
}
