using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// Prepares sentences for matching: lower case, modal negations unified to <c>shall_not</c>, and every name of a
/// party replaced by a token (<c>§P§</c> platform, <c>§T§</c> third party, <c>§U§</c> users). Placeholders such as
/// 甲方/乙方 or Party A/Party B take the role the contract's own definitions give them (the role named nearest
/// after them on the lines that introduce them), else the lexicon's default. So "third-party developer" is one
/// party rather than a "third party" data is shared with, and the obligated party can be read off the tokens.
/// </summary>
internal sealed partial class PartyResolver
{
    public const string Platform = "§P§";
    public const string ThirdParty = "§T§";
    public const string Users = "§U§";

    /// <summary>Compiled name expressions per lexicon and placeholder mapping: few mappings occur, and compiling costs far more than matching.</summary>
    private static readonly ConditionalWeakTable<PartyLexicon, ConcurrentDictionary<string, Regex>> Compiled = [];

    private readonly Regex _names;

    /// <summary>Distinct name sets compiled and kept; past this, a contract's expression is built uncompiled and not kept.</summary>
    private const int MaxCachedNameSets = 64;

    public PartyResolver(PartyLexicon lexicon, string documentText)
    {
        var roles = lexicon.Placeholders.Select(p => (Placeholder: p.Key, Group: GroupOf(ResolvePlaceholder(p.Key, p.Value, lexicon, documentText))))
            .Concat(DefinedNames(lexicon, documentText).Select(n => (Placeholder: n, Group: "T")))
            .ToList();
        var key = string.Join(",", roles.Select(r => r.Placeholder + "=" + r.Group));
        var cache = Compiled.GetOrCreateValue(lexicon);
        _names = cache.TryGetValue(key, out var known) ? known
            : cache.Count < MaxCachedNameSets ? cache.GetOrAdd(key, _ => Build(lexicon, roles, RegexOptions.Compiled))
            : Build(lexicon, roles, RegexOptions.None);
    }

    /// <summary>
    /// Names the contract defines for its parties (<c>Acme Ltd. (the "Integrator")</c>, <c>（以下简称“接入方”）</c>)
    /// that the lexicon does not know: one that is not the platform or users is the third party.
    /// </summary>
    internal static IReadOnlyList<string> DefinedNames(PartyLexicon lexicon, string text)
    {
        var head = text[..Math.Min(text.Length, 5000)];
        var known = Cues.Compile(lexicon.Platform.All.Concat(lexicon.ThirdParty.All).Concat(lexicon.Users.All).Concat(lexicon.Placeholders.Keys), compiled: false, ignoreCase: true)!;
        return DefinedTerm().Matches(head)
            .Select(m => m.Groups["n"].Value.Trim())
            .Where(n => n.Length >= 2 && !known.IsMatch(n))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(3)
            .ToList();
    }

    private static Regex Build(PartyLexicon lexicon, IEnumerable<(string Placeholder, string Group)> roles, RegexOptions options)
    {
        var terms = roles.Select(r => (Pattern: Cues.TermPattern(r.Placeholder), Length: r.Placeholder.Length + 100, r.Group)).ToList();
        AddTerms(lexicon.Platform, "P");
        AddTerms(lexicon.ThirdParty, "T");
        AddTerms(lexicon.Users, "U");
        var alternation = string.Join("|", terms.OrderByDescending(t => t.Length).Select(t => $"(?<{t.Group}>{t.Pattern})"));
        // A name right after a hyphen is part of another word ("sub-processor" is no party).
        return new Regex($"(?<![-])(?:{alternation})", RegexOptions.CultureInvariant | options, TimeSpan.FromSeconds(1));

        void AddTerms(LanguageTerms names, string group)
            => terms.AddRange(names.All.Select(n => (Cues.TermPattern(n), n.Length, group)));
    }

    /// <summary>The sentence as matched: lower case, party names as tokens, modal negations as <c>shall_not</c>.</summary>
    public string Prepare(string sentence)
    {
        var text = ModalNegation().Replace(sentence.ToLowerInvariant(), " shall_not ");
        return _names.Replace(text, m => m.Groups["P"].Success ? $" {Platform} " : m.Groups["T"].Success ? $" {ThirdParty} "
            : NamesData(text, m.Index + m.Length) ? m.Value : $" {Users} ");
    }

    private static string GroupOf(ContractParty party) => party switch
    {
        ContractParty.Platform => "P",
        ContractParty.ThirdParty => "T",
        _ => "U",
    };

    /// <summary>
    /// The role the contract gives a placeholder, read from its definitions: the placeholder followed by a
    /// bracket, colon, "is"/"为" or a quote, then a role name within 40 characters on the same line
    /// ("甲方（平台运营者）：…", "Party B (the \"Developer\")"). The first definitions decide; none means the default.
    /// </summary>
    private static ContractParty ResolvePlaceholder(string placeholder, ContractParty fallback, PartyLexicon lexicon, string text)
    {
        var platform = Cues.Compile(lexicon.Platform.All.Where(t => t is not ("we" or "us")), compiled: false, ignoreCase: true)!;
        var third = Cues.Compile(lexicon.ThirdParty.All.Where(t => t is not ("you" or "your")), compiled: false, ignoreCase: true)!;
        var at = Cues.Compile([placeholder], compiled: false, ignoreCase: true)!;
        foreach (Match m in at.Matches(text))
        {
            var end = text.IndexOf('\n', m.Index);
            var window = text.Substring(m.Index + m.Length, Math.Min(40, (end < 0 ? text.Length : end) - m.Index - m.Length));
            if (!DefinitionStart().IsMatch(window))
            {
                continue;
            }

            var p = platform.Match(window);
            var t = third.Match(window);
            if (p.Success || t.Success)
            {
                return t.Success && (!p.Success || t.Index < p.Index) ? ContractParty.ThirdParty : ContractParty.Platform;
            }
        }

        return fallback;
    }

    /// <summary>A users name followed by a word for data is "user data", not the users as a party.</summary>
    private static bool NamesData(string text, int after)
        => UserDataNoun().IsMatch(text[after..Math.Min(text.Length, after + 16)]);

    [GeneratedRegex(@"\((?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?)?[""“](?<n>[A-Za-z][A-Za-z\- ]{1,30})[""”]\)|以下简称\s*[:：]?\s*[""“「]?(?<n>[\u4E00-\u9FFFA-Za-z]{2,10}?)[""”」)）]", RegexOptions.CultureInvariant)]
    private static partial Regex DefinedTerm();

    [GeneratedRegex(@"^\s*(?:[(（:：""“,，]|is\b|means\b|为|是|系|指|即)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionStart();

    [GeneratedRegex(@"^(?:'s)?\s*(?:的)?\s*(?:数据|信息|账户|账号|data\b|information\b|personal\b|accounts?\b|records?\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UserDataNoun();

    [GeneratedRegex(@"\b(?:shall|must|may|will|should|can|could|would)\s+not\b|\bcannot\b|\b(?:shan't|won't|mustn't)", RegexOptions.CultureInvariant)]
    private static partial Regex ModalNegation();
}

/// <summary>Which party a prepared sentence binds: the last party named before its first verb of obligation.</summary>
internal static partial class ObligatedParty
{
    public enum Subject
    {
        Unknown,
        Platform,
        ThirdParty,
        Users,
        Both,
    }

    public static Subject Of(string prepared) => Find(prepared).Subject;

    /// <summary>
    /// The subject and where its token is (-1 when none). A right ("may", "has the right", "有权") held by the
    /// platform binds the other party, so it reads as unknown rather than as an obligation of the platform.
    /// </summary>
    public static (Subject Subject, int TokenIndex) Find(string prepared)
    {
        var modal = Modal().Match(prepared);
        var head = prepared[..(modal.Success ? modal.Index : prepared.Length)];
        if (BothParties().IsMatch(head))
        {
            return (Subject.Both, -1);
        }

        if (modal.Success)
        {
            var passive = PassiveAgent().Match(prepared, modal.Index + modal.Length);
            if (passive.Success && passive.Index - modal.Index - modal.Length < 40)
            {
                return (FromToken(passive.Groups["t"].Value), passive.Groups["t"].Index);
            }
        }

        var (token, index) = LastSubjectToken(head);
        if (token is null)
        {
            return (Subject.Unknown, -1);
        }

        var subject = FromToken(token);
        return subject == Subject.Platform && modal.Success && RightModal().IsMatch(modal.Value) ? (Subject.Unknown, index) : (subject, index);
    }

    /// <summary>The last party token in <paramref name="text"/>, or null.</summary>
    public static string? LastToken(string text) => LastSubjectToken(text).Token;

    /// <summary>The last party token that is not the object of a preposition ("to the Platform", "对用户", "向甲方").</summary>
    private static (string? Token, int Index) LastSubjectToken(string text)
    {
        var best = -1;
        string? token = null;
        foreach (Match m in Token().Matches(text))
        {
            if (!ObjectMarker().IsMatch(text[Math.Max(0, m.Index - 12)..m.Index]))
            {
                best = m.Index;
                token = m.Value;
            }
        }

        return (token, best);
    }

    private static Subject FromToken(string token) => token switch
    {
        PartyResolver.Platform => Subject.Platform,
        PartyResolver.ThirdParty => Subject.ThirdParty,
        _ => Subject.Users,
    };

    [GeneratedRegex(@"\b(?:shall|must|will|agrees?\s+to|undertakes?\s+to|is\s+responsible|are\s+responsible|is\s+required|are\s+required|is\s+obliged|are\s+obliged|shall_not|is\s+liable|are\s+liable|bears?|may|has\s+the\s+right|is\s+entitled)\b|应当|应|须|必须|负责|负有|承诺|保证|有义务|承担|不得|将|有权|可以", RegexOptions.CultureInvariant)]
    private static partial Regex Modal();

    [GeneratedRegex(@"\G\s*(?:be|been|is|are)?\s*(?:[a-z]+ed|given|made|kept|done|sent)\s+by\s+(?<t>§[PTU]§)|\G\s*由\s*(?<t>§[PTU]§)", RegexOptions.CultureInvariant)]
    private static partial Regex PassiveAgent();

    [GeneratedRegex(@"§[PTU]§", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"(?:\b(?:to|for|towards|with|against|from|of|by)\s+(?:the\s+|any\s+|all\s+|affected\s+)?|[对向给与和在]\s*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectMarker();

    [GeneratedRegex(@"^(?:may|has\s+the\s+right|is\s+entitled|有权|可以)$", RegexOptions.CultureInvariant)]
    private static partial Regex RightModal();

    [GeneratedRegex(@"\beach\s+party\b|\bboth\s+parties\b|\bthe\s+parties\b|\beither\s+party\b|双方|各方|任何一方", RegexOptions.CultureInvariant)]
    private static partial Regex BothParties();
}
