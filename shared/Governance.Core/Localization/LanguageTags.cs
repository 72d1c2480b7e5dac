using System.Text.RegularExpressions;

namespace Governance.Core.Localization;

/// <summary>
/// Well-formed BCP 47 language tags (RFC 5646 §2.1 syntax: language, extlang, script, region, variants,
/// extensions, private use), of at most <see cref="MaxLength"/> characters, in their canonical case
/// (<c>zh-hans-cn</c> → <c>zh-Hans-CN</c>). Irregular grandfathered tags are not accepted.
/// </summary>
public static partial class LanguageTags
{
    /// <summary>RFC 5646 §4.4.1: every implementation should handle tags of at least 35 characters.</summary>
    public const int MaxLength = 35;

    /// <summary>The tag in canonical case, or null when it is not a well-formed tag of reasonable length.</summary>
    public static string? Normalize(string? tag)
    {
        if (tag is null || tag.Length is 0 or > MaxLength || !WellFormed().IsMatch(tag))
        {
            return null;
        }

        var subtags = tag.Split('-');
        var afterSingleton = false;
        for (var i = 0; i < subtags.Length; i++)
        {
            var s = subtags[i];
            afterSingleton |= i > 0 && s.Length == 1;
            subtags[i] = i == 0 || afterSingleton ? s.ToLowerInvariant()
                : s.Length == 4 && s.All(char.IsAsciiLetter) ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()
                : s.Length == 2 && s.All(char.IsAsciiLetter) ? s.ToUpperInvariant()
                : s.ToLowerInvariant();
        }

        return string.Join('-', subtags);
    }

    [GeneratedRegex(
        @"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex WellFormed();
}
