using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Governance.Core.Tests.Onboarding;

/// <summary>
/// Renders the corpus files once, into the source tree, when ONBOARDING_RENDER_CORPUS=1 (and
/// ONBOARDING_CJK_FONT names a TrueType CJK font: the first font of wqy-microhei.ttc from the Debian package
/// fonts-wqy-microhei, saved as .ttf with python3-fonttools (<c>TTCollection(path)[0].save("wqy.ttf")</c>); PdfPig's
/// subsetter fails on some glyphs of DroidSansFallback). The rendered files are committed; ordinary runs only read them.
/// </summary>
public sealed class CorpusGenerationTests
{
    [Fact]
    public void Corpus_files_are_rendered_when_asked()
    {
        if (Environment.GetEnvironmentVariable("ONBOARDING_RENDER_CORPUS") != "1")
        {
            return;
        }

        var font = File.ReadAllBytes(Environment.GetEnvironmentVariable("ONBOARDING_CJK_FONT") ?? "/tmp/wqy.ttf");
        var source = CorpusFiles.SourceDirectory();
        var files = Path.Combine(source, "files");
        Directory.CreateDirectory(files);
        var spec = System.Text.Json.JsonSerializer.Deserialize<CorpusSpec>(File.ReadAllText(Path.Combine(source, "corpus.json")), Governance.Core.Json.GovernanceJson.Options)!;
        foreach (var contract in spec.Contracts)
        {
            if (File.Exists(Path.Combine(files, contract.FileName)) && Environment.GetEnvironmentVariable("ONBOARDING_RENDER_ALL") != "1")
            {
                continue; // rendering again would only change timestamps inside the files
            }

            var bytes = contract.Format switch
            {
                "pdf" => CorpusRenderer.Pdf(contract.Paragraphs, contract.Language == "zh" ? font : null),
                "docx" => CorpusRenderer.Docx(contract.Paragraphs),
                "md" => CorpusRenderer.Markdown(contract.Paragraphs),
                _ => CorpusRenderer.Text(contract.Paragraphs),
            };
            File.WriteAllBytes(Path.Combine(files, contract.FileName), bytes);
        }

        if (!Directory.Exists(Path.Combine(source, "bad")) || Environment.GetEnvironmentVariable("ONBOARDING_RENDER_ALL") == "1")
        {
            BadFiles.Write(Path.Combine(source, "bad"), font);
        }
    }
}

/// <summary>The files that must not be checked as contracts, rendered once like the corpus.</summary>
public static class BadFiles
{
    public static void Write(string directory, byte[] cjkFont)
    {
        Directory.CreateDirectory(directory);
        var png = TinyPng();
        File.WriteAllBytes(Path.Combine(directory, "disguised-png.pdf"), png);

        var image = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        image.AddPage(595, 842).AddPng(png, new UglyToad.PdfPig.Core.PdfRectangle(50, 400, 550, 800));
        File.WriteAllBytes(Path.Combine(directory, "image-only.pdf"), image.Build());

        var good = CorpusRenderer.Pdf([new CorpusParagraph("paragraph", "The Developer shall notify the Platform of any data breach within 24 hours.")]);
        File.WriteAllBytes(Path.Combine(directory, "corrupt.pdf"), [.. good.Take(good.Length / 3), .. Encoding.ASCII.GetBytes("\n%%garbage%%\n")]);

        // Chinese text in an embedded font whose Unicode map is renamed away (same length, offsets intact).
        var zh = CorpusRenderer.Pdf([new CorpusParagraph("paragraph", "发生数据泄露等安全事件的，乙方应当在二十四小时内通知甲方。乙方应当保存个人信息处理记录，保存期限不少于三年。未经甲方书面同意，乙方不得向任何第三方提供个人信息。")], cjkFont);
        var latin1 = Encoding.Latin1.GetString(zh).Replace("/ToUnicode", "/ToUnicodX", StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(directory, "garbled-cjk.pdf"), Encoding.Latin1.GetBytes(latin1));

        File.WriteAllBytes(Path.Combine(directory, "zip-bomb.docx"), ZipBomb(100 * 1024 * 1024));
        File.WriteAllBytes(Path.Combine(directory, "other.zip"), OtherZip());
        File.WriteAllBytes(Path.Combine(directory, "tracked-changes.docx"), TrackedChanges());
    }

    /// <summary>A DOCX whose word/document.xml inflates to <paramref name="inflated"/> bytes of blanks.</summary>
    public static byte[] ZipBomb(long inflated)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var part = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (long written = 0; written < inflated; written += chunk.Length)
            {
                part.Write(chunk);
            }
        }

        return stream.ToArray();
    }

    private static byte[] OtherZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("contract.txt").Open());
            w.Write("The Developer shall notify the Platform within 24 hours.");
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A contract whose incident clause was edited with tracked changes: the deleted words would satisfy the
    /// rule ("within 24 hours"), the inserted ones make it hollow ("promptly"). A table row and a footnote carry
    /// the audit and record-keeping clauses.
    /// </summary>
    public static byte[] TrackedChanges()
        => CorpusRenderer.Docx(
            [new CorpusParagraph("heading", "Data Processing Terms")],
            (main, body) =>
            {
                var notes = main.AddNewPart<DocumentFormat.OpenXml.Packaging.FootnotesPart>();
                notes.Footnotes = new Footnotes(
                    new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                    new Footnote(new Paragraph(new Run(new Text("The Developer shall keep records of its processing activities for at least three years.")))) { Id = 1 });
                var p = new Paragraph(
                    new Run(new Text("The Developer shall notify the Platform of any data breach ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                    new DeletedRun(new Run(new DeletedText("within 24 hours") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve })) { Id = "1", Author = "Dev" },
                    new InsertedRun(new Run(new Text("promptly") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve })) { Id = "2", Author = "Dev" },
                    new Run(new Text(".")));
                body.AppendChild(p);
                body.AppendChild(new Table(new TableRow(
                    new TableCell(new Paragraph(new Run(new Text("Audit")))),
                    new TableCell(new Paragraph(new Run(new Text("The Platform may audit the Developer's processing activities at any time.")))))));
                body.AppendChild(new Paragraph(new Run(new Text("Records are kept as stated in the footnote.")), new Run(new FootnoteReference { Id = 1 })));
            });

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A valid 2×2 grey PNG.</summary>
    public static byte[] TinyPng()
    {
        static byte[] Chunk(string type, byte[] data)
        {
            var typeBytes = Encoding.ASCII.GetBytes(type);
            var length = BitConverter.GetBytes(data.Length);
            Array.Reverse(length);
            var crc = BitConverter.GetBytes(Crc32([.. typeBytes, .. data]));
            Array.Reverse(crc);
            return [.. length, .. typeBytes, .. data, .. crc];
        }

        byte[] header = [0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0];
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write([0, 128, 128, 0, 128, 128]);
        }

        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", raw.ToArray()), .. Chunk("IEND", [])];
    }
}
