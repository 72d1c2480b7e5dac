using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Declarations;

namespace Governance.Core.Onboarding;

/// <summary>
/// The onboarding section of a policy profile: the clause library a contract is checked against, the
/// declaration policies a manifest is checked against, and how often an admitted app is re-assessed.
/// </summary>
public sealed class OnboardingPolicy
{
    public required ClauseLibrary ClauseLibrary { get; init; }

    public required DeclarationPolicies Declarations { get; init; }

    public required ReassessmentPolicy Reassessment { get; init; }
}

/// <summary>A text in English and Chinese.</summary>
public sealed record LocalizedText(string En, string Zh)
{
    /// <summary>The Chinese text for a <c>zh</c> language tag, the English one otherwise.</summary>
    public string For(string? language)
        => language is not null && language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;
}

public enum ClauseSeverity
{
    Blocking,
    Major,
    Minor,
}

/// <summary>Interval between re-assessments of an admitted app, by the highest data classification it declared.</summary>
public sealed class ReassessmentPolicy
{
    /// <summary>Days by classification: <c>general</c>, <c>important</c>, <c>core</c>.</summary>
    public required IReadOnlyDictionary<string, int> IntervalDays { get; init; }

    /// <summary>The interval for the highest of <paramref name="classifications"/> (general when none is declared).</summary>
    public TimeSpan IntervalFor(IEnumerable<string> classifications)
    {
        var highest = DataClassifications.Highest(classifications);
        return TimeSpan.FromDays(IntervalDays[highest]);
    }
}

/// <summary>Data classifications a manifest may declare, lowest first.</summary>
public static class DataClassifications
{
    public const string General = "general";
    public const string Important = "important";
    public const string Core = "core";

    public static IReadOnlyList<string> All { get; } = [General, Important, Core];

    public static string Highest(IEnumerable<string> classifications)
        => classifications.Where(c => All.Contains(c)).OrderByDescending(c => All.ToList().IndexOf(c)).FirstOrDefault() ?? General;
}
