using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// DOCX text with DocumentFormat.OpenXml: body paragraphs and table rows in document order, then footnotes and
/// endnotes. Text of inserted tracked changes (<c>w:ins</c>) counts; deleted text (<c>w:delText</c>, inside
/// <c>w:del</c> or <c>w:moveFrom</c>) does not, nor do field codes. The zip is checked by <see cref="ZipGuard"/>
/// before OpenXml opens it, and OpenXml's own per-part character cap stays in force while it parses.
/// </summary>
internal static class DocxTextReader
{
    public static void Read(byte[] bytes, ContractExtractionLimits limits, DocumentAssembler output, ExtractionClock clock)
    {
        ZipGuard.Check(bytes, limits, clock);
        try
        {
            var settings = new OpenSettings { MaxCharactersInPart = limits.MaxDecompressedBytes };
            using var word = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), false, settings);
            var body = word.MainDocumentPart?.Document?.Body
                ?? throw new ExtractionRefusedException(ExtractionFailureCodes.Corrupt, "The DOCX file has no document body.");
            ReadContainer(body, output, clock);
            foreach (var note in word.MainDocumentPart!.FootnotesPart?.Footnotes?.Elements<Footnote>() ?? [])
            {
                if (note.Type is null || note.Type.Value == FootnoteEndnoteValues.Normal)
                {
                    ReadNote(note, output);
                }
            }

            foreach (var note in word.MainDocumentPart!.EndnotesPart?.Endnotes?.Elements<Endnote>() ?? [])
            {
                if (note.Type is null || note.Type.Value == FootnoteEndnoteValues.Normal)
                {
                    ReadNote(note, output);
                }
            }
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException or IOException)
        {
            throw new ExtractionRefusedException(ExtractionFailureCodes.Corrupt,
                "The DOCX file is damaged or not a Word document. Save it again from the word processor as .docx.");
        }
    }

    private static void ReadContainer(OpenXmlElement container, DocumentAssembler output, ExtractionClock clock)
    {
        foreach (var element in container.ChildElements)
        {
            clock.ThrowIfExpired();
            switch (element)
            {
                case Paragraph paragraph:
                    output.Add(TextOf(paragraph), IsHeading(paragraph) ? ContractBlockKind.Heading : ContractBlockKind.Paragraph);
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        var cells = row.Elements<TableCell>().Select(c => string.Join(" ", c.Descendants<Paragraph>().Select(TextOf)).Trim());
                        output.Add(string.Join(" | ", cells.Where(c => c.Length > 0)), ContractBlockKind.TableRow);
                    }

                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is not null:
                    ReadContainer(sdt.SdtContentBlock, output, clock);
                    break;
            }
        }
    }

    private static void ReadNote(OpenXmlElement note, DocumentAssembler output)
    {
        foreach (var paragraph in note.Elements<Paragraph>())
        {
            output.Add(TextOf(paragraph), ContractBlockKind.Note);
        }
    }

    /// <summary>The visible text of a paragraph: w:t outside deletions, tabs as blanks, breaks as line feeds.</summary>
    internal static string TextOf(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text text when !IsRemoved(text):
                    sb.Append(text.Text);
                    break;
                case TabChar or PositionalTab:
                    sb.Append(' ');
                    break;
                case Break or CarriageReturn:
                    sb.Append('\n');
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool IsRemoved(OpenXmlElement element)
        => element.Ancestors().Any(a => a is DeletedRun or MoveFromRun || a.LocalName == "Fallback");

    private static bool IsHeading(Paragraph paragraph)
    {
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        return style is not null
               && (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.Equals("Title", StringComparison.OrdinalIgnoreCase));
    }
}
