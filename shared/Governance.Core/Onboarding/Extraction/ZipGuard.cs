using System.IO.Compression;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// Checks a zip before a library inflates it: the entry count and the sizes the central directory declares,
/// then the real inflated size of every entry, counted while inflating into nothing and stopped as soon as the
/// running total passes the cap. A zip bomb is refused after at most the cap's worth of inflation, whatever
/// sizes its headers claim.
/// </summary>
internal static class ZipGuard
{
    public const string WordMainPart = "word/document.xml";

    /// <summary>Whether the zip's directory names the main part of a Word document (read without inflating).</summary>
    public static bool IsWordDocument(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry(WordMainPart) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public static void Check(byte[] bytes, ContractExtractionLimits limits, ExtractionClock clock)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                throw TooLarge($"it holds {zip.Entries.Count} parts (at most {limits.MaxZipEntries})");
            }

            var declared = zip.Entries.Sum(e => e.Length);
            if (declared > limits.MaxDecompressedBytes)
            {
                throw TooLarge($"its parts declare {declared} bytes once inflated");
            }

            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                clock.ThrowIfExpired();
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > limits.MaxDecompressedBytes)
                    {
                        throw TooLarge("its parts inflate past the limit");
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new ExtractionRefusedException(ExtractionFailureCodes.Corrupt,
                "The DOCX file is damaged (its zip structure cannot be read). Save it again from the word processor.");
        }

        ExtractionRefusedException TooLarge(string why)
            => new(ExtractionFailureCodes.DecompressedTooLarge,
                $"The DOCX file was refused: {why}; at most {limits.MaxDecompressedBytes} bytes are inflated. Remove embedded media or upload a PDF.");
    }
}
