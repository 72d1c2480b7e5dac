using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// PDF text in layout-aware reading order: PdfPig's nearest-neighbour word extractor, the Docstrum page
/// segmenter (text blocks) and the unsupervised reading-order detector, page by page. Each text block becomes
/// one <see cref="ContractBlock"/> carrying its page. The page cap is checked before any page is parsed and
/// the cancellation token between pages.
/// </summary>
internal static class PdfTextReader
{
    public static void Read(byte[] bytes, ContractExtractionLimits limits, DocumentAssembler output, ExtractionClock clock)
    {
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(bytes, new ParsingOptions { SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Encrypted();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw Corrupt();
        }

        using (pdf)
        {
            if (pdf.IsEncrypted)
            {
                throw Encrypted();
            }

            var pages = pdf.NumberOfPages;
            if (pages > limits.MaxPages)
            {
                throw new ExtractionRefusedException(ExtractionFailureCodes.TooManyPages,
                    $"The PDF has {pages} pages; at most {limits.MaxPages} are accepted.");
            }

            output.PageCount = pages;
            var images = 0;
            for (var number = 1; number <= pages; number++)
            {
                clock.ThrowIfExpired();
                images += ReadPage(pdf, number, output);
            }

            output.ImageCount = images;
        }
    }

    private static int ReadPage(PdfDocument pdf, int number, DocumentAssembler output)
    {
        try
        {
            var page = pdf.GetPage(number);
            var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks);
            foreach (var block in ordered.OrderBy(b => b.ReadingOrder))
            {
                output.Add(block.Text, ContractBlockKind.Paragraph, number);
            }

            return page.NumberOfImages;
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Encrypted();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not ExtractionRefusedException)
        {
            throw Corrupt();
        }
    }

    private static ExtractionRefusedException Encrypted()
        => new(ExtractionFailureCodes.Encrypted,
            "The PDF is encrypted (password-protected). Upload a copy without a password or permission restrictions.");

    private static ExtractionRefusedException Corrupt()
        => new(ExtractionFailureCodes.Corrupt, "The PDF is damaged and cannot be read. Export it again from the original document.");
}
