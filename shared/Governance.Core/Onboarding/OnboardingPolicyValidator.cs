using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Declarations;

namespace Governance.Core.Onboarding;

/// <summary>
/// Checks a profile's onboarding section, so that a malformed clause library stops start-up like the rest of the
/// profile: the ten contract rule ids, titles in both languages, citations, cue groups that compile, requirement
/// parameters, declaration policies whose extra clauses exist, and a re-assessment interval per classification.
/// </summary>
public static class OnboardingPolicyValidator
{
    /// <summary>The clause ids every library must define (the issue's contract).</summary>
    public static IReadOnlyList<string> RequiredClauseIds { get; } =
    [
        "responsibility", "scope", "security_measures", "incident_notification", "onward_transfer",
        "cross_border", "return_deletion", "audit", "liability_recourse", "record_keeping",
    ];

    public static void Validate(OnboardingPolicy policy, List<string> errors)
    {
        var library = policy.ClauseLibrary;
        if (string.IsNullOrWhiteSpace(library.Version))
        {
            errors.Add("onboarding.clauseLibrary.version is required.");
        }

        var ids = library.Rules.Select(r => r.Id).ToList();
        var duplicates = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"onboarding.clauseLibrary has duplicate rule ids: {string.Join(", ", duplicates)}.");
        }

        var missing = RequiredClauseIds.Where(id => !ids.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"onboarding.clauseLibrary is missing rules: {string.Join(", ", missing)}.");
        }

        foreach (var id in RequiredClauseIds.Where(ids.Contains))
        {
            if (library.Rule(id).AppliesWhen != ClauseApplicability.Always)
            {
                errors.Add($"onboarding.clauseLibrary rule '{id}' must apply always.");
            }
        }

        Localized(errors, "onboarding.clauseLibrary.unreadable.title", library.Unreadable.Title);
        Require(errors, "onboarding.clauseLibrary.unreadable.ruleId", library.Unreadable.RuleId);
        Require(errors, "onboarding.clauseLibrary.unreadable.citation", library.Unreadable.Citation);
        Parties(errors, library.Parties);
        foreach (var (name, concept) in library.Concepts)
        {
            if (concept.All.Any(string.IsNullOrWhiteSpace) || !concept.All.Any() || concept.All.Any(t => t.StartsWith('@')))
            {
                errors.Add($"onboarding.clauseLibrary.concepts.{name} needs terms (not empty, not naming another concept).");
            }
        }

        foreach (var rule in library.Rules)
        {
            Rule(errors, rule, library.Concepts);
        }

        Declarations(errors, policy.Declarations, library);
        foreach (var classification in DataClassifications.All)
        {
            if (!policy.Reassessment.IntervalDays.TryGetValue(classification, out var days) || days <= 0)
            {
                errors.Add($"onboarding.reassessment.intervalDays.{classification} must be a positive number of days.");
            }
        }
    }

    private static void Rule(List<string> errors, ClauseRule rule, IReadOnlyDictionary<string, LanguageTerms> concepts)
    {
        var at = $"onboarding.clauseLibrary rule '{rule.Id}'";
        Require(errors, $"{at} id", rule.Id);
        Require(errors, $"{at} citation", rule.Citation);
        Localized(errors, $"{at} title", rule.Title);
        if (rule.Topics.Count == 0)
        {
            errors.Add($"{at} needs at least one topic.");
        }

        foreach (var set in rule.Topics.Concat(rule.Negations).Concat(rule.Requirements.SelectMany(r => r.Cues)))
        {
            CueSetErrors(errors, at, set, concepts);
        }

        foreach (var requirement in rule.Requirements)
        {
            Localized(errors, $"{at} requirement {requirement.Kind} message", requirement.Message);
            var problem = requirement.Kind switch
            {
                RequirementKind.ObligatedParty or RequirementKind.NamesParty when requirement.Party is null => "needs a party",
                RequirementKind.TimeLimit when requirement.MaxHours is not > 0 => "needs a positive maxHours",
                RequirementKind.MinimumPeriod when requirement.MinYears is not > 0 => "needs a positive minYears",
                RequirementKind.Cues or RequirementKind.ForbiddenCues when requirement.Cues.Count == 0 => "needs cues",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add($"{at} requirement {requirement.Kind} {problem}.");
            }
        }
    }

    private static void CueSetErrors(List<string> errors, string at, CueSet set, IReadOnlyDictionary<string, LanguageTerms> concepts)
    {
        if (set.En.Count == 0 || set.Zh.Count == 0)
        {
            errors.Add($"{at} has a cue set without English or Chinese cues.");
        }

        if (set.En.Concat(set.Zh).Any(g => g.Count == 0 || g.Any(string.IsNullOrWhiteSpace)))
        {
            errors.Add($"{at} has an empty cue group or term.");
            return;
        }

        try
        {
            _ = new CompiledCueSet(set, concepts);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{at} has a cue that does not compile: {ex.Message}");
        }
    }

    private static void Parties(List<string> errors, PartyLexicon parties)
    {
        foreach (var (name, terms) in new[] { ("platform", parties.Platform), ("thirdParty", parties.ThirdParty), ("users", parties.Users) })
        {
            if (terms.En.Count == 0 || terms.Zh.Count == 0 || terms.All.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"onboarding.clauseLibrary.parties.{name} needs English and Chinese names.");
            }
        }
    }

    private static void Declarations(List<string> errors, DeclarationPolicies declarations, ClauseLibrary library)
    {
        var all = new (string Name, DeclarationPolicy Policy)[]
        {
            ("coreData", declarations.CoreData), ("elevatedData", declarations.ElevatedData), ("crossBorderAssessment", declarations.CrossBorderAssessment),
            ("biometricOnly", declarations.BiometricOnly), ("scopeCoverage", declarations.ScopeCoverage),
        };
        foreach (var (name, policy) in all)
        {
            Require(errors, $"onboarding.declarations.{name}.ruleId", policy.RuleId);
            Require(errors, $"onboarding.declarations.{name}.citation", policy.Citation);
            Localized(errors, $"onboarding.declarations.{name}.title", policy.Title);
        }

        var elevated = declarations.ElevatedData;
        if (elevated.SubjectsAtLeast <= 0)
        {
            errors.Add("onboarding.declarations.elevatedData.subjectsAtLeast must be positive.");
        }

        foreach (var clause in elevated.Clauses)
        {
            var rule = library.Rules.FirstOrDefault(r => r.Id == clause);
            if (rule is null || rule.AppliesWhen != ClauseApplicability.Elevated)
            {
                errors.Add($"onboarding.declarations.elevatedData.clauses names '{clause}', which is not an elevated rule of the clause library.");
            }
        }

        if (elevated.Classifications.Any(c => !DataClassifications.All.Contains(c)))
        {
            errors.Add($"onboarding.declarations.elevatedData.classifications must be among {string.Join(", ", DataClassifications.All)}.");
        }

        if (declarations.BiometricOnly.Methods.Count == 0)
        {
            errors.Add("onboarding.declarations.biometricOnly.methods must list at least one method.");
        }
    }

    private static void Localized(List<string> errors, string field, LocalizedText text)
    {
        if (string.IsNullOrWhiteSpace(text.En) || string.IsNullOrWhiteSpace(text.Zh))
        {
            errors.Add($"{field} needs English and Chinese text.");
        }
    }

    private static void Require(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required.");
        }
    }
}
