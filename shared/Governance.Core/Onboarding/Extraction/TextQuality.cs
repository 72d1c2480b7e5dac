using System.Globalization;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// Decides whether extracted text is readable before anything is checked against it. Text from a PDF whose
/// fonts carry no Unicode map (typical of embedded CJK subsets) comes out as replacement characters,
/// private-use glyph ids, control characters or strings of symbols; checking that as if it were a contract
/// would report every clause missing for the wrong reason, so it is refused as unreadable instead.
/// </summary>
public static class TextQuality
{
    /// <summary>Fewest letters a contract must have to be worth checking.</summary>
    public const int MinLetters = 40;

    /// <summary>Largest share of suspicious characters (replacement, private use, controls, unassigned) tolerated.</summary>
    public const double MaxSuspiciousShare = 0.02;

    /// <summary>Smallest share of letters (Latin, CJK or any script) among the visible characters.</summary>
    public const double MinLetterShare = 0.55;

    /// <summary>For text that is mostly Latin: smallest share of its words that look like words (hold a vowel, are not absurdly long).</summary>
    public const double MinWordLikeShare = 0.6;

    public static ExtractionFailure? Assess(string text)
    {
        int visible = 0, letters = 0, suspicious = 0, cjk = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            visible++;
            if (IsSuspicious(c))
            {
                suspicious++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
                if (ContractText.IsCjk(c))
                {
                    cjk++;
                }
            }
        }

        if (letters < MinLetters && suspicious == 0)
        {
            return new ExtractionFailure(ExtractionFailureCodes.NoText,
                "The file holds no readable text (empty, or only images such as a scan). Upload the contract as a text PDF, DOCX, TXT or Markdown file.");
        }

        if (visible > 0 && (double)suspicious / visible > MaxSuspiciousShare)
        {
            return Garbled($"{Percent(suspicious, visible)} of its characters are replacement, private-use or control characters");
        }

        if ((double)letters / visible < MinLetterShare)
        {
            return Garbled($"only {Percent(letters, visible)} of its characters are letters");
        }

        if (cjk < letters / 2 && WordLikeShare(text) is { } share && share < MinWordLikeShare)
        {
            return Garbled($"only {share:P0} of its words look like words");
        }

        return null;
    }

    private static ExtractionFailure Garbled(string why)
        => new(ExtractionFailureCodes.Garbled,
            $"The extracted text is garbled ({why}); the file's fonts probably lack a Unicode map. Export the contract again with embedded Unicode fonts, or upload it as DOCX or TXT.");

    private static bool IsSuspicious(char c)
        => c == '\uFFFD'
           || (char.IsControl(c) && c is not ('\n' or '\t'))
           || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    /// <summary>Share of Latin-letter tokens that contain a vowel and are at most 30 letters long; null when there are too few tokens.</summary>
    private static double? WordLikeShare(string text)
    {
        int tokens = 0, wordLike = 0;
        foreach (var token in text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = token.Where(char.IsAsciiLetter).ToArray();
            if (letters.Length < 2)
            {
                continue;
            }

            tokens++;
            if (letters.Length <= 30 && letters.Any(l => "aeiouyAEIOUY".Contains(l, StringComparison.Ordinal)))
            {
                wordLike++;
            }
        }

        return tokens < 20 ? null : (double)wordLike / tokens;
    }

    private static string Percent(int part, int whole) => ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture);
}
