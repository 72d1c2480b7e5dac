namespace Governance.Core.Onboarding.Extraction;

/// <summary>The kind of file a contract turned out to be, decided from its bytes (the file name is only a hint).</summary>
public enum ContractFormat
{
    Pdf,
    Docx,
    Text,
    Markdown,
}

/// <summary>What a block of text was in its source: body text, a heading, a table row or a foot/endnote.</summary>
public enum ContractBlockKind
{
    Paragraph,
    Heading,
    TableRow,
    Note,
}

/// <summary>
/// Where a piece of text sits: the page (PDF only), the paragraph (the block's 1-based position in the document,
/// for every format) and the character offset in <see cref="ContractDocument.Text"/>.
/// </summary>
public sealed record TextLocation(int? Page, int Paragraph, int Offset);

/// <summary>One block of the extracted text in reading order.</summary>
public sealed record ContractBlock(string Text, ContractBlockKind Kind, TextLocation Location);

/// <summary>
/// A contract's text as ordered blocks. <see cref="Text"/> is the blocks joined by a blank line, so every
/// block's <see cref="TextLocation.Offset"/> points into it and a quote can be located in the full text.
/// </summary>
public sealed record ContractDocument(ContractFormat Format, string Text, IReadOnlyList<ContractBlock> Blocks, int PageCount)
{
    public const string BlockSeparator = "\n\n";

    /// <summary>The block holding character <paramref name="offset"/> (the last one starting at or before it).</summary>
    public ContractBlock BlockAt(int offset)
    {
        var lo = 0;
        var hi = Blocks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Blocks[mid].Location.Offset <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Blocks[lo];
    }

    /// <summary>The location of character <paramref name="offset"/>: its block's page and paragraph with the exact offset.</summary>
    public TextLocation LocationAt(int offset)
    {
        var block = BlockAt(offset);
        return block.Location with { Offset = offset };
    }
}

/// <summary>Why a contract's text could not be used: a stable code and a reason an operator or developer can act on.</summary>
public sealed record ExtractionFailure(string Code, string Reason);

/// <summary>The stable failure codes of <see cref="ContractTextExtractor"/>.</summary>
public static class ExtractionFailureCodes
{
    public const string Empty = "empty_file";
    public const string TooLarge = "file_too_large";
    public const string UnsupportedType = "unsupported_type";
    public const string InvalidText = "invalid_text_encoding";
    public const string Encrypted = "encrypted";
    public const string Corrupt = "corrupt_file";
    public const string TooManyPages = "too_many_pages";
    public const string DecompressedTooLarge = "decompressed_too_large";
    public const string TooLong = "text_too_long";
    public const string Timeout = "extraction_timeout";
    public const string NoText = "no_text";
    public const string Garbled = "garbled_text";
}

/// <summary>Either a document or a failure, never both.</summary>
public sealed record ExtractionResult
{
    private ExtractionResult(ContractDocument? document, ExtractionFailure? failure)
    {
        Document = document;
        Failure = failure;
    }

    public ContractDocument? Document { get; }

    public ExtractionFailure? Failure { get; }

    public bool Succeeded => Document is not null;

    public static ExtractionResult Success(ContractDocument document) => new(document, null);

    public static ExtractionResult Failed(string code, string reason) => new(null, new ExtractionFailure(code, reason));
}

/// <summary>Thrown inside a reader to stop with a typed failure; the extractor turns it into a result.</summary>
internal sealed class ExtractionRefusedException(string code, string reason) : Exception(reason)
{
    public string Code { get; } = code;
}
