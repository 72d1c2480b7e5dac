using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// UTF-8 text and Markdown. The bytes must be valid UTF-8 without NUL or other binary control characters.
/// Text paragraphs are runs of lines separated by blank lines; Markdown is parsed with Markdig so headings,
/// list items (keeping their numbers) and table rows become blocks without their markup.
/// </summary>
internal static class PlainTextReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>Decodes strict UTF-8 (a BOM is skipped); null when the bytes are not text.</summary>
    public static string? Decode(byte[] bytes)
    {
        string text;
        try
        {
            var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var controls = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        return text.Contains('\0', StringComparison.Ordinal) || controls > text.Length / 1000 ? null : text;
    }

    public static void ReadText(string text, DocumentAssembler output, ExtractionClock clock)
    {
        var paragraph = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                Flush();
            }
            else
            {
                paragraph.Append(line).Append('\n');
            }
        }

        Flush();

        void Flush()
        {
            clock.ThrowIfExpired();
            if (paragraph.Length > 0)
            {
                output.Add(paragraph.ToString(), ContractBlockKind.Paragraph);
                paragraph.Clear();
            }
        }
    }

    public static void ReadMarkdown(string text, DocumentAssembler output, ExtractionClock clock)
    {
        var document = Markdown.Parse(text, Pipeline);
        foreach (var block in document.Descendants<LeafBlock>())
        {
            clock.ThrowIfExpired();
            if (block.Inline is null)
            {
                if (block is CodeBlock code)
                {
                    output.Add(code.Lines.ToString(), ContractBlockKind.Paragraph);
                }

                continue;
            }

            var content = InlineText(block.Inline);
            if (block is HeadingBlock)
            {
                output.Add(content, ContractBlockKind.Heading);
            }
            else if (block.Parent is Markdig.Extensions.Tables.TableCell)
            {
                continue; // table rows are added whole below
            }
            else
            {
                output.Add(ListPrefix(block) + content, ContractBlockKind.Paragraph);
            }
        }

        foreach (var row in document.Descendants<Markdig.Extensions.Tables.TableRow>())
        {
            var cells = row.OfType<Markdig.Extensions.Tables.TableCell>()
                .Select(c => string.Join(" ", c.Descendants<LeafBlock>().Where(l => l.Inline is not null).Select(l => InlineText(l.Inline!))));
            output.Add(string.Join(" | ", cells), ContractBlockKind.TableRow);
        }
    }

    /// <summary>"3. " for the first paragraph of the third item of an ordered list, so clause numbers survive.</summary>
    private static string ListPrefix(LeafBlock block)
        => block.Parent is ListItemBlock item && item.Parent is ListBlock { IsOrdered: true } && item.FirstOrDefault() == block
            ? $"{item.Order}. "
            : string.Empty;

    private static string InlineText(ContainerInline inline)
    {
        var sb = new StringBuilder();
        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content);
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append('\n');
                    break;
            }
        }

        return sb.ToString();
    }
}
