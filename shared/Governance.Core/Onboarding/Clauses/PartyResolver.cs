using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// Prepares sentences for matching: lower case, modal negations unified to <c>shall_not</c>, and every name of a
/// party replaced by a token (<c>§P§</c> platform, <c>§T§</c> third party, <c>§U§</c> users, <c>§O§</c> "the other
/// party"). The names are those the contract defines for its parties (<see cref="ContractParties"/>: "Company",
/// 委托方, "we" when "we" is the vendor), the placeholders (甲方/乙方, Party A/B) in the role the contract gives them,
/// and the lexicon's words for whatever the contract leaves undefined. Once a contract names the third party
/// itself, the lexicon's English words for third parties count only when written as a name ("the Vendor", not "its
/// service providers" or "another processor"). So the obligated party can be read off the tokens.
/// </summary>
internal sealed partial class PartyResolver
{
    public const string Platform = "§P§";
    public const string ThirdParty = "§T§";
    public const string Users = "§U§";
    public const string OtherParty = "§O§";

    /// <summary>Compiled name expressions per lexicon and name set: few sets occur, and compiling costs far more than matching.</summary>
    private static readonly ConditionalWeakTable<PartyLexicon, ConcurrentDictionary<string, Regex>> Compiled = [];

    /// <summary>Distinct name sets compiled and kept; past this, a contract's expression is built uncompiled and not kept.</summary>
    private const int MaxCachedNameSets = 64;

    private static readonly string[] OtherPartyNames = ["the other part*", "the other contracting part*", "对方", "另一方", "相对方"];

    private readonly Regex _names;

    public PartyResolver(PartyLexicon lexicon, string documentText)
    {
        var names = Names(lexicon, ContractParties.Resolve(lexicon, documentText));
        var key = string.Join(",", names.Select(n => n.Term + "=" + n.Group));
        var cache = Compiled.GetOrCreateValue(lexicon);
        _names = cache.TryGetValue(key, out var known) ? known
            : cache.Count < MaxCachedNameSets ? cache.GetOrAdd(key, _ => Build(names, RegexOptions.Compiled))
            : Build(names, RegexOptions.None);
    }

    /// <summary>The names the contract defines for the third party beyond the lexicon's words (<c>Acme Ltd. (the "Integrator")</c>, <c>（以下简称“接入方”）</c>).</summary>
    internal static IReadOnlyList<string> DefinedNames(PartyLexicon lexicon, string text)
    {
        var known = Cues.Compile(lexicon.Platform.All.Concat(lexicon.ThirdParty.All).Concat(lexicon.Users.All).Concat(lexicon.Placeholders.Keys), compiled: false, ignoreCase: true)!;
        return ContractParties.Resolve(lexicon, text)
            .Where(a => a.Party == ContractParty.ThirdParty && !IsWhole(known, a.Name))
            .Select(a => a.Name)
            .ToList();
    }

    /// <summary>Every name with its token group: P, T, U, O, or G for a lexicon word that names the third party only when written as a name.</summary>
    private static List<(string Term, string Group)> Names(PartyLexicon lexicon, IReadOnlyList<PartyAlias> aliases)
    {
        var names = aliases.Select(a => (Term: a.Name, Group: GroupOf(a.Party))).ToList();
        var taken = Cues.Compile(aliases.Select(a => a.Name), compiled: false, ignoreCase: true);
        var thirdDefined = aliases.Any(a => a.Party == ContractParty.ThirdParty && !lexicon.Placeholders.ContainsKey(a.Name) && !IsPronoun(a.Name));
        foreach (var (placeholder, party) in lexicon.Placeholders)
        {
            Add(placeholder, GroupOf(party));
        }

        foreach (var term in lexicon.Platform.All)
        {
            Add(term, "P");
        }

        foreach (var term in lexicon.ThirdParty.All)
        {
            Add(term, thirdDefined && !term.Any(Cues.IsHan) && !IsPronoun(term) ? "G" : "T");
        }

        foreach (var term in lexicon.Users.All)
        {
            Add(term, "U");
        }

        foreach (var term in OtherPartyNames)
        {
            Add(term, "O");
        }

        return names;

        // A word the contract uses as the name of a party keeps that role ("Customer" as the platform is no user).
        void Add(string term, string group)
        {
            if (taken is null || !IsWhole(taken, term.TrimEnd('*')))
            {
                names.Add((term, group));
            }
        }
    }

    private static bool IsPronoun(string name) => name.ToLowerInvariant() is "we" or "us" or "our" or "you" or "your" or "我们" or "您" or "你";

    private static bool IsWhole(Regex words, string name)
    {
        var m = words.Match(name);
        return m.Success && m.Index == 0 && m.Length == name.Length;
    }

    private static Regex Build(IEnumerable<(string Term, string Group)> names, RegexOptions options)
    {
        var alternation = string.Join("|", names.OrderByDescending(n => n.Term.Length).Select(n => $"(?<{n.Group}>{Cues.TermPattern(n.Term)})"));
        // A name right after a hyphen is part of another word ("sub-processor" is no party).
        return new Regex($"(?<![-])(?:{alternation})", RegexOptions.CultureInvariant | options, TimeSpan.FromSeconds(1));
    }

    /// <summary>The sentence as matched: lower case, party names as tokens, modal negations as <c>shall_not</c>.</summary>
    public string Prepare(string sentence)
    {
        // Lower-casing keeps every index, so a match in the lower-case text can look at the original's capitals.
        var lower = sentence.ToLowerInvariant();
        var named = _names.Replace(lower, m => m.Groups["P"].Success ? $" {Platform} "
            : m.Groups["T"].Success ? $" {ThirdParty} "
            : m.Groups["O"].Success ? $" {OtherParty} "
            : m.Groups["G"].Success ? (char.IsUpper(sentence[m.Index]) ? $" {ThirdParty} " : m.Value)
            : NamesData(lower, m.Index + m.Length) ? m.Value : $" {Users} ");
        return ModalNegation().Replace(named, " shall_not ");
    }

    private static string GroupOf(ContractParty party) => party switch
    {
        ContractParty.Platform => "P",
        ContractParty.ThirdParty => "T",
        _ => "U",
    };

    /// <summary>A users name followed by a word for data is "user data", not the users as a party.</summary>
    private static bool NamesData(string text, int after)
        => UserDataNoun().IsMatch(text[after..Math.Min(text.Length, after + 16)]);

    [GeneratedRegex(@"^(?:'s)?\s*(?:的)?\s*(?:数据|信息|账户|账号|data\b|information\b|personal\b|accounts?\b|records?\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UserDataNoun();

    [GeneratedRegex(@"\b(?:shall|must|may|will|should|can|could|would)\s+not\b|\bcannot\b|\b(?:shan't|won't|mustn't)", RegexOptions.CultureInvariant)]
    private static partial Regex ModalNegation();
}
