using System.Globalization;

namespace Governance.Core.Localization;

/// <summary>
/// Chooses a supported <see cref="Language"/> from an <c>Accept-Language</c> header (RFC 9110 §12.5.4): the
/// highest q-value wins, and on a tie the range listed first; <c>q=0</c> excludes. Ranges map to languages by
/// lookup (RFC 4647): <c>zh</c>, <c>zh-Hans</c>, <c>zh-CN</c>, <c>zh-SG</c> (and longer tags under them) to
/// Simplified Chinese, <c>en</c> and <c>en-*</c> to English; <c>*</c> stands for every language not named
/// otherwise, the default first. Traditional Chinese (<c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c>)
/// is not Simplified Chinese and matches nothing. Without a usable preference the default is chosen; a header
/// that cannot be parsed is ignored, entry by entry, never an error.
/// </summary>
public static class LanguageNegotiation
{
    /// <summary>Longer headers are read only this far; no browser sends more.</summary>
    public const int MaxHeaderLength = 4096;

    public const int MaxRanges = 64;

    private static readonly string[] SimplifiedChinese = ["zh", "zh-hans", "zh-cn", "zh-sg", "zh-hans-cn", "zh-hans-sg"];

    public static Language Negotiate(string? acceptLanguage, Language defaultLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage))
        {
            return defaultLanguage;
        }

        var header = acceptLanguage.Length > MaxHeaderLength ? acceptLanguage[..MaxHeaderLength] : acceptLanguage;
        var best = new Dictionary<Language, (double Quality, int Order)>();
        var excluded = new HashSet<Language>();
        double? wildcard = null;
        var wildcardOrder = 0;
        var order = 0;
        foreach (var entry in header.Split(',', MaxRanges + 1, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxRanges))
        {
            if (!TryParse(entry, out var range, out var quality))
            {
                continue;
            }

            order++;
            if (range == "*")
            {
                wildcard ??= quality;
                wildcardOrder = order;
                continue;
            }

            if (Match(range) is not { } language)
            {
                continue;
            }

            if (quality <= 0)
            {
                excluded.Add(language);
            }
            else if (!best.TryGetValue(language, out var known) || quality > known.Quality)
            {
                best[language] = (quality, order);
            }
        }

        // Languages named only with q=0 are out; the wildcard gives the rest its q (the default listed first).
        foreach (var language in Language.All.OrderBy(l => l == defaultLanguage ? 0 : 1))
        {
            if (wildcard > 0 && !best.ContainsKey(language) && !excluded.Contains(language))
            {
                best[language] = (wildcard.Value, wildcardOrder + (language == defaultLanguage ? 0 : 1));
            }
        }

        return best.Count == 0
            ? defaultLanguage
            : best.OrderByDescending(b => b.Value.Quality).ThenBy(b => b.Value.Order).First().Key;
    }

    /// <summary>The supported language a language range asks for, by lookup; null when none.</summary>
    public static Language? Match(string range)
    {
        var tag = range.ToLowerInvariant();
        if (tag == "en" || tag.StartsWith("en-", StringComparison.Ordinal))
        {
            return Language.English;
        }

        // Lookup: drop trailing subtags until a Simplified Chinese tag remains (zh-CN-x-foo → zh-CN).
        for (var candidate = tag; candidate.Length > 0; candidate = candidate.Contains('-', StringComparison.Ordinal) ? candidate[..candidate.LastIndexOf('-')] : string.Empty)
        {
            if (SimplifiedChinese.Contains(candidate, StringComparer.Ordinal))
            {
                // zh-Hant-CN would shorten to zh: a script or region of Traditional Chinese keeps it out.
                return candidate == "zh" && IsTraditional(tag) ? null : Language.ChineseSimplified;
            }
        }

        return null;
    }

    private static bool IsTraditional(string tag)
        => tag.Split('-').Skip(1).Any(s => s is "hant" or "tw" or "hk" or "mo");

    private static bool TryParse(string entry, out string range, out double quality)
    {
        quality = 1;
        var parts = entry.Split(';', StringSplitOptions.TrimEntries);
        range = parts[0];
        if (range.Length is 0 or > 64 || !(range == "*" || range.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return false;
        }

        foreach (var parameter in parts.Skip(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                if (pair[1].Length > 5
                    || !double.TryParse(pair[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality)
                    || quality is < 0 or > 1)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
