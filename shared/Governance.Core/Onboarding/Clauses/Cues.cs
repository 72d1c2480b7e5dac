using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>Compiles cue terms (see <see cref="CueSet"/> for the syntax) into regular expressions.</summary>
internal static class Cues
{
    /// <summary>Party tokens a cue term may name: <c>{platform}</c>, <c>{third}</c>, <c>{users}</c>, <c>{other}</c> (the other party) and <c>{party}</c> (any).</summary>
    private static readonly Dictionary<string, string> PartyTokens = new(StringComparer.Ordinal)
    {
        ["{platform}"] = Regex.Escape(PartyResolver.Platform),
        ["{third}"] = Regex.Escape(PartyResolver.ThirdParty),
        ["{users}"] = Regex.Escape(PartyResolver.Users),
        ["{other}"] = Regex.Escape(PartyResolver.OtherParty),
        ["{party}"] = "§[PTUO]§",
    };

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One expression matching any of <paramref name="terms"/>; null for an empty list. Text matched against
    /// cues is lower-cased once (<see cref="PartyResolver.Prepare"/>), so the expressions are case-sensitive
    /// unless <paramref name="ignoreCase"/>: that keeps the engine's fast first-character search.
    /// </summary>
    public static Regex? Compile(IEnumerable<string> terms, bool compiled = true, bool ignoreCase = false)
    {
        var parts = terms.Where(t => !string.IsNullOrWhiteSpace(t)).Select(TermPattern).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var regex = new Regex(string.Join("|", parts), RegexOptions.CultureInvariant | (compiled ? RegexOptions.Compiled : RegexOptions.None) | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), MatchTimeout);
        if (compiled)
        {
            WarmUp(regex);
        }

        return regex;
    }

    /// <summary>
    /// A compiled expression's code is JIT-compiled on its first match, and that time counts against the match timeout:
    /// on a busy machine a large alternation could time out on its first, tiny input. One throw-away match on a
    /// single character, when the library is compiled (once per profile), moves that cost out of every real match;
    /// a timeout there can only be the JIT and is ignored.
    /// </summary>
    private static void WarmUp(Regex regex)
    {
        try
        {
            _ = regex.IsMatch("x");
        }
        catch (RegexMatchTimeoutException)
        {
            // The code is compiled by now; real matches keep their timeout.
        }
    }

    /// <summary>The pattern of one term, wrapped in a group.</summary>
    public static string TermPattern(string term)
    {
        var t = term.Trim().ToLowerInvariant();
        var latin = !t.Any(IsHan);
        var sb = new StringBuilder("(?:");
        if (latin && char.IsLetterOrDigit(t[0]))
        {
            sb.Append(@"\b");
        }

        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c == '{' && PartyTokens.FirstOrDefault(p => t.AsSpan(i).StartsWith(p.Key)) is { Key: not null } token)
            {
                sb.Append(token.Value);
                i += token.Key.Length - 1;
                continue;
            }

            switch (c)
            {
                case '*':
                    sb.Append(@"[\p{L}\p{N}'’-]*");
                    break;
                case '?' when latin:
                    sb.Append(@"\p{L}");
                    break;
                case '…':
                    sb.Append(latin ? @"(?:[^\p{L}\p{N}]+[\p{L}\p{N}'’_-]+){0,6}?[^\p{L}\p{N}]+" : @"[^。.;!?\n]{0,15}?");
                    break;
                case ' ' or '-' when latin:
                    sb.Append(@"[\s\-]+");
                    break;
                case '_' when latin:
                    sb.Append('_');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (latin && char.IsLetterOrDigit(t[^1]))
        {
            sb.Append(@"\b");
        }

        return sb.Append(')').ToString();
    }

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}

/// <summary>
/// A compiled <see cref="CueSet"/>. A term <c>@name</c> stands for every term of the library's concept of that name in
/// the group's language (<see cref="ClauseLibrary.Concepts"/>); in <see cref="CueSet.Exclude"/>, for both languages.
/// </summary>
internal sealed class CompiledCueSet
{
    private readonly IReadOnlyList<Regex> _en;
    private readonly IReadOnlyList<Regex> _zh;
    private readonly Regex? _exclude;

    public CompiledCueSet(CueSet set, IReadOnlyDictionary<string, LanguageTerms>? concepts = null)
    {
        _en = set.En.Select(g => Cues.Compile(Expand(g, concepts, c => c.En)) ?? throw new ArgumentException("A cue group is empty.")).ToList();
        _zh = set.Zh.Select(g => Cues.Compile(Expand(g, concepts, c => c.Zh)) ?? throw new ArgumentException("A cue group is empty.")).ToList();
        _exclude = Cues.Compile(Expand(set.Exclude, concepts, c => c.All));
        AllGroups = _en.Concat(_zh).ToList();
    }

    /// <summary>The terms with every <c>@concept</c> replaced by the concept's terms.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> terms, IReadOnlyDictionary<string, LanguageTerms>? concepts, Func<LanguageTerms, IEnumerable<string>> language)
    {
        foreach (var term in terms)
        {
            if (!term.StartsWith('@'))
            {
                yield return term;
                continue;
            }

            if (concepts is null || !concepts.TryGetValue(term[1..], out var concept))
            {
                throw new ArgumentException($"The cue names an unknown concept '{term}'.");
            }

            foreach (var t in language(concept))
            {
                yield return t;
            }
        }
    }

    /// <summary>Every group of both languages: what a negation's scope is checked against.</summary>
    public IReadOnlyList<Regex> AllGroups { get; }

    public bool IsMatch(string text)
        => (AllMatch(_en, text) || AllMatch(_zh, text)) && !(_exclude?.IsMatch(text) ?? false);

    /// <summary>Whether the first group (the topic's main cue) of either language matches.</summary>
    public bool LeadMatches(string text) => (_en.Count > 0 && _en[0].IsMatch(text)) || (_zh.Count > 0 && _zh[0].IsMatch(text));

    /// <summary>Where the first group's first match starts (the concept's anchor), or -1.</summary>
    public int AnchorIn(string text)
    {
        foreach (var groups in new[] { _en, _zh })
        {
            if (AllMatch(groups, text))
            {
                return groups[0].Match(text).Index;
            }
        }

        return -1;
    }

    private static bool AllMatch(IReadOnlyList<Regex> groups, string text) => groups.Count > 0 && groups.All(g => g.IsMatch(text));
}
