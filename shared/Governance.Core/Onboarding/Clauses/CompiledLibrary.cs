using System.Runtime.CompilerServices;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>A clause library with its cues compiled once (cached per library instance).</summary>
internal sealed class CompiledLibrary
{
    private static readonly ConditionalWeakTable<ClauseLibrary, CompiledLibrary> Cache = [];

    private CompiledLibrary(ClauseLibrary library)
    {
        Library = library;
        Rules = library.Rules.Select(r => new CompiledRule(r, library.Concepts)).ToList();
    }

    public ClauseLibrary Library { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    public static CompiledLibrary For(ClauseLibrary library) => Cache.GetValue(library, l => new CompiledLibrary(l));
}

internal sealed class CompiledRule
{
    public CompiledRule(ClauseRule rule, IReadOnlyDictionary<string, LanguageTerms> concepts)
    {
        Rule = rule;
        Topics = rule.Topics.Select(t => new CompiledCueSet(t, concepts)).ToList();
        Negations = rule.Negations.Select(t => new CompiledCueSet(t, concepts)).ToList();
        Requirements = rule.Requirements.Select(r => (r, (IReadOnlyList<CompiledCueSet>)r.Cues.Select(c => new CompiledCueSet(c, concepts)).ToList())).ToList();
        TopicGroups = Topics.SelectMany(t => t.AllGroups).ToList();
        IsPlatformRight = rule.Requirements.Any(r => r.Kind == RequirementKind.NamesParty && r.Party == ContractParty.Platform && r.Role == "actor");
    }

    public ClauseRule Rule { get; }

    public IReadOnlyList<CompiledCueSet> Topics { get; }

    public IReadOnlyList<CompiledCueSet> Negations { get; }

    public IReadOnlyList<(ClauseRequirement Requirement, IReadOnlyList<CompiledCueSet> Cues)> Requirements { get; }

    public IReadOnlyList<System.Text.RegularExpressions.Regex> TopicGroups { get; }

    /// <summary>The rule gives the platform a right (an audit): excluding it is a negation whoever the subject is.</summary>
    public bool IsPlatformRight { get; }
}
