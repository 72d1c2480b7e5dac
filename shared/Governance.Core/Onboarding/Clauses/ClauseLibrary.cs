using System.Text.Json.Serialization;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// The clauses a third party's contract must contain, as profile data: for each rule the cues that show a
/// sentence addresses it (<see cref="ClauseRule.Topics"/>) and the qualifiers it must meet to count
/// (<see cref="ClauseRule.Requirements"/>). <see cref="Version"/> changes whenever the rules do, which makes
/// admitted apps due for a re-check.
/// </summary>
public sealed class ClauseLibrary
{
    public required string Version { get; init; }

    public required PartyLexicon Parties { get; init; }

    /// <summary>The rule an unreadable contract is reported under.</summary>
    public required UnreadableContractRule Unreadable { get; init; }

    public required IReadOnlyList<ClauseRule> Rules { get; init; }

    /// <summary>
    /// Named synonym sets (actions, objects, qualifiers) per language that cue groups use as <c>@name</c>, so one
    /// concept ("share", "consent", "foreign jurisdiction") is written once and means the same in every rule.
    /// </summary>
    public IReadOnlyDictionary<string, LanguageTerms> Concepts { get; init; } = new Dictionary<string, LanguageTerms>();

    public ClauseRule Rule(string id)
        => Rules.FirstOrDefault(r => r.Id == id) ?? throw new KeyNotFoundException($"The clause library has no rule '{id}'.");
}

/// <summary>When a rule applies: to every contract, or only when the declarations call for the extra clauses.</summary>
public enum ClauseApplicability
{
    Always,
    Elevated,
}

public sealed class ClauseRule
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required ClauseSeverity Severity { get; init; }

    public required string Citation { get; init; }

    public required ClauseApplicability AppliesWhen { get; init; }

    /// <summary>A sentence addresses the rule when it matches any of these cue sets.</summary>
    public required IReadOnlyList<CueSet> Topics { get; init; }

    public IReadOnlyList<ClauseRequirement> Requirements { get; init; } = [];

    /// <summary>Rule-specific phrasings that exclude the duty (in addition to the general negation patterns).</summary>
    public IReadOnlyList<CueSet> Negations { get; init; } = [];
}

/// <summary>
/// Cue groups per language: a text matches when every group of one language has a term in it. Terms are
/// case-insensitive; in Latin script they match whole words, <c>*</c> ends a word with any letters, <c>?</c>
/// stands for one letter, and <c>…</c> for a short gap (up to six words, or fifteen characters in Chinese).
/// <see cref="Exclude"/> terms veto the match.
/// </summary>
public sealed class CueSet
{
    public required IReadOnlyList<IReadOnlyList<string>> En { get; init; }

    public required IReadOnlyList<IReadOnlyList<string>> Zh { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];
}

public enum RequirementKind
{
    /// <summary>The party bound by the clause must be <see cref="ClauseRequirement.Party"/>.</summary>
    ObligatedParty,

    /// <summary>The clause must name <see cref="ClauseRequirement.Party"/> (the notice's recipient, the auditor, the one reimbursed).</summary>
    NamesParty,

    /// <summary>An explicit time limit of at most <see cref="ClauseRequirement.MaxHours"/>.</summary>
    TimeLimit,

    /// <summary>A period of at least <see cref="ClauseRequirement.MinYears"/>.</summary>
    MinimumPeriod,

    /// <summary>One of <see cref="ClauseRequirement.Cues"/> must match.</summary>
    Cues,

    /// <summary>None of <see cref="ClauseRequirement.Cues"/> may match (unless itself negated, "not for any other purpose").</summary>
    ForbiddenCues,
}

public enum ContractParty
{
    Platform,
    ThirdParty,
    Users,
}

public sealed class ClauseRequirement
{
    public required RequirementKind Kind { get; init; }

    public ContractParty? Party { get; init; }

    /// <summary>For <see cref="RequirementKind.NamesParty"/>: <c>actor</c> when the named party holds the right (an audit).</summary>
    public string? Role { get; init; }

    public int? MaxHours { get; init; }

    public int? MinYears { get; init; }

    public IReadOnlyList<CueSet> Cues { get; init; } = [];

    /// <summary>What the finding says when the requirement is not met.</summary>
    public required LocalizedText Message { get; init; }
}

/// <summary>
/// Words that name the parties. Placeholders (甲方, Party B) and the names a contract defines ("Company", 委托方,
/// "we") take the role the contract's own definitions give them (<see cref="Roles"/> tell the roles apart), else
/// these defaults.
/// </summary>
public sealed class PartyLexicon
{
    public required LanguageTerms Platform { get; init; }

    public required LanguageTerms ThirdParty { get; init; }

    public required LanguageTerms Users { get; init; }

    public required IReadOnlyDictionary<string, ContractParty> Placeholders { get; init; }

    /// <summary>
    /// Descriptions of a contracting party's role, used only to read the contract's definitions of its parties
    /// ("the entrusting party", "operator of the platform", 委托方, 受托人, 提供方), never as names in the text.
    /// </summary>
    public PartyRoles Roles { get; init; } = new();
}

/// <summary>Role descriptions of the platform and of the third party.</summary>
public sealed class PartyRoles
{
    public LanguageTerms Platform { get; init; } = new() { En = [], Zh = [] };

    public LanguageTerms ThirdParty { get; init; } = new() { En = [], Zh = [] };
}

public sealed class LanguageTerms
{
    public required IReadOnlyList<string> En { get; init; }

    public required IReadOnlyList<string> Zh { get; init; }

    [JsonIgnore]
    public IEnumerable<string> All => En.Concat(Zh);
}

public sealed class UnreadableContractRule
{
    public required string RuleId { get; init; }

    public required LocalizedText Title { get; init; }

    public required ClauseSeverity Severity { get; init; }

    public required string Citation { get; init; }
}
