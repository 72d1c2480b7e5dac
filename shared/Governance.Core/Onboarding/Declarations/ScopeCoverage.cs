using Governance.Core.Onboarding.Clauses;

namespace Governance.Core.Onboarding.Declarations;

/// <summary>
/// Whether a declared purpose or category is within the contract's scope text. Latin text: at least half of the
/// declaration's content words appear (compared on their first five letters, so "analytics" meets "analysis").
/// Chinese text: the phrase itself, or at least 60 % of its character pairs.
/// </summary>
public static class ScopeCoverage
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "of", "to", "in", "on", "with", "our", "their", "its", "a", "an", "or", "by", "from", "data", "information", "user", "users", "personal",
    };

    public static bool Covers(ClauseScope scope, string declared)
    {
        var text = scope.Text.ToLowerInvariant();
        var item = declared.Trim().ToLowerInvariant();
        if (item.Length == 0 || text.Contains(item, StringComparison.Ordinal))
        {
            return item.Length == 0 || text.Length > 0;
        }

        if (item.Any(Cues.IsHan))
        {
            var han = new string(item.Where(Cues.IsHan).ToArray());
            var pairs = Enumerable.Range(0, Math.Max(0, han.Length - 1)).Select(i => han.Substring(i, 2)).Distinct().ToList();
            return pairs.Count == 0 ? text.Contains(han, StringComparison.Ordinal) : pairs.Count(p => text.Contains(p, StringComparison.Ordinal)) >= 0.6 * pairs.Count;
        }

        var words = Words(item).Where(w => !StopWords.Contains(w)).Select(Stem).Distinct().ToList();
        if (words.Count == 0)
        {
            return true;
        }

        var scopeStems = Words(text).Select(Stem).ToHashSet(StringComparer.Ordinal);
        return words.Count(scopeStems.Contains) * 2 >= words.Count;
    }

    private static IEnumerable<string> Words(string text)
        => text.Split(c => !char.IsLetterOrDigit(c), StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3);

    private static string Stem(string word) => word.Length <= 5 ? word : word[..5];

    private static string[] Split(this string text, Func<char, bool> separator, StringSplitOptions options)
        => new string(text.Select(c => separator(c) ? ' ' : c).ToArray()).Split(' ', options);
}
