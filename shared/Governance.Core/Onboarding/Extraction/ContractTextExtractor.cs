namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// Turns an uploaded contract into a <see cref="ContractDocument"/> or a typed <see cref="ExtractionFailure"/>,
/// never an exception (other than the caller's own cancellation). The type is decided from the bytes: PDF by its
/// <c>%PDF-</c> signature, DOCX as a zip holding <c>word/document.xml</c>, otherwise strict UTF-8 text (Markdown
/// when the name says <c>.md</c> or the text has Markdown headings). Images, other zips, legacy or encrypted
/// Office files and binary data are refused with a reason. Parsing runs under the size, inflation, page,
/// character and wall-time limits of <see cref="ContractExtractionLimits"/>; the time limit is enforced between
/// pages, zip entries and paragraphs (the libraries offer no finer interruption), see <see cref="ExtractionClock"/>.
/// </summary>
public static class ContractTextExtractor
{
    public static ExtractionResult Extract(byte[] content, string? fileName, ContractExtractionLimits limits, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        if (content.Length == 0)
        {
            return ExtractionResult.Failed(ExtractionFailureCodes.Empty, "The contract file is empty.");
        }

        if (content.LongLength > limits.MaxFileBytes)
        {
            return ExtractionResult.Failed(ExtractionFailureCodes.TooLarge,
                $"The contract file has {content.LongLength} bytes; at most {limits.MaxFileBytes} are accepted.");
        }

        var clock = new ExtractionClock(limits.Timeout, ct);
        try
        {
            var document = Read(content, fileName, limits, clock);
            var failure = TextQuality.Assess(document.Text);
            return failure is null ? ExtractionResult.Success(document) : ExtractionResult.Failed(failure.Code, failure.Reason);
        }
        catch (ExtractionRefusedException refused)
        {
            return ExtractionResult.Failed(refused.Code, refused.Message);
        }
        catch (TimeoutException)
        {
            return ExtractionResult.Failed(ExtractionFailureCodes.Timeout,
                $"Reading the contract took longer than {limits.Timeout.TotalSeconds:0} s and was stopped. Upload a smaller or simpler file.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not TimeoutException)
        {
            // A parser bug on hostile input: the file is unreadable, not the service broken.
            return ExtractionResult.Failed(ExtractionFailureCodes.Corrupt, "The contract file could not be parsed. Export it again from the original document.");
        }
    }

    /// <summary>The format the bytes show, or a failure naming what they are.</summary>
    public static (ContractFormat? Format, ExtractionFailure? Failure) Sniff(byte[] content, string? fileName)
    {
        var span = content.AsSpan();
        if (FindPdfHeader(span))
        {
            return (ContractFormat.Pdf, null);
        }

        if (span.StartsWith("PK\u0003\u0004"u8) || span.StartsWith("PK\u0005\u0006"u8))
        {
            return ZipGuard.IsWordDocument(content)
                ? (ContractFormat.Docx, null)
                : (null, Unsupported("a zip archive that is not a Word document"));
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return (null, Unsupported("a legacy or password-protected Office file (.doc, or an encrypted .docx)"));
        }

        if (ImageKind(span) is { } image)
        {
            return (null, Unsupported($"a {image} image"));
        }

        if (PlainTextReader.Decode(content) is not { } text)
        {
            return (null, new ExtractionFailure(ExtractionFailureCodes.InvalidText,
                "The file is neither PDF nor DOCX and is not valid UTF-8 text (binary data or another encoding). Upload PDF, DOCX, or UTF-8 TXT/Markdown."));
        }

        var markdownName = fileName is not null
                           && (fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase));
        var markdownText = text.Split('\n').Any(l => l.StartsWith("# ", StringComparison.Ordinal) || l.StartsWith("## ", StringComparison.Ordinal));
        return (markdownName || markdownText ? ContractFormat.Markdown : ContractFormat.Text, null);
    }

    private static ContractDocument Read(byte[] content, string? fileName, ContractExtractionLimits limits, ExtractionClock clock)
    {
        var (format, failure) = Sniff(content, fileName);
        if (failure is not null)
        {
            throw new ExtractionRefusedException(failure.Code, failure.Reason);
        }

        var output = new DocumentAssembler(format!.Value, limits.MaxCharacters);
        switch (format)
        {
            case ContractFormat.Pdf:
                PdfTextReader.Read(content, limits, output, clock);
                break;
            case ContractFormat.Docx:
                DocxTextReader.Read(content, limits, output, clock);
                break;
            case ContractFormat.Markdown:
                PlainTextReader.ReadMarkdown(PlainTextReader.Decode(content)!, output, clock);
                break;
            default:
                PlainTextReader.ReadText(PlainTextReader.Decode(content)!, output, clock);
                break;
        }

        var document = output.Build();
        if (document.Blocks.Count == 0 && format == ContractFormat.Pdf && output.ImageCount > 0)
        {
            throw new ExtractionRefusedException(ExtractionFailureCodes.NoText,
                "The PDF holds only images (a scan) and no text layer. Upload a PDF with selectable text, or the DOCX.");
        }

        return document;
    }

    /// <summary>PDF readers accept the header within the first KiB; so do we.</summary>
    private static bool FindPdfHeader(ReadOnlySpan<byte> span)
        => span[..Math.Min(span.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    private static string? ImageKind(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return "PNG";
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "JPEG";
        }

        if (span.StartsWith("GIF8"u8))
        {
            return "GIF";
        }

        if (span.StartsWith("RIFF"u8) && span.Length > 12 && span[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }

        return span.StartsWith("II*\0"u8) || span.StartsWith("MM\0*"u8) ? "TIFF" : null;
    }

    private static ExtractionFailure Unsupported(string what)
        => new(ExtractionFailureCodes.UnsupportedType,
            $"The contract file is {what}, whatever its name says. Upload the contract as PDF, DOCX, TXT or Markdown.");
}
