using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding;

public enum OnboardingOutcome
{
    Approved,
    ChangesRequested,
    Rejected,
}

/// <summary>The outcome of a check and every finding it rests on (clause findings first, then declarations).</summary>
public sealed record OnboardingDecision(OnboardingOutcome Outcome, IReadOnlyList<ClauseFinding> Findings);

/// <summary>
/// The decision rule: <c>rejected</c> when a declaration policy rejects; else <c>changes_requested</c> when any
/// finding is a blocking or major problem; else <c>approved</c>. An unreadable contract is reported as one
/// blocking finding, so it can never be approved.
/// </summary>
public static class OnboardingDecisions
{
    public static OnboardingDecision Decide(IReadOnlyList<ClauseFinding> findings)
    {
        var outcome = findings.Any(f => f.Status == FindingStatus.Rejected) ? OnboardingOutcome.Rejected
            : findings.Any(f => f.IsProblem || f.Status == FindingStatus.Unreadable) ? OnboardingOutcome.ChangesRequested
            : OnboardingOutcome.Approved;
        return new OnboardingDecision(outcome, findings);
    }

    /// <summary>The finding that stands for a contract whose text could not be read, carrying the extraction's reason.</summary>
    public static ClauseFinding Unreadable(ExtractionFailure failure, ClauseLibrary library)
    {
        var rule = library.Unreadable;
        return new ClauseFinding(rule.RuleId, null, rule.Title, rule.Severity, FindingStatus.Unreadable, null, rule.Citation,
            new LocalizedText($"Contract text could not be read ({failure.Code}): {failure.Reason}", $"无法读取合同文本（{failure.Code}）：{failure.Reason}"));
    }

    /// <summary>The clause findings that count: rules that always apply, and the extra ones the declarations require.</summary>
    public static IReadOnlyList<ClauseFinding> Applicable(IReadOnlyList<ClauseFinding> clauseFindings, ClauseLibrary library, IReadOnlyList<string> requiredExtra)
        => clauseFindings.Where(f => library.Rule(f.RuleId).AppliesWhen == ClauseApplicability.Always || requiredExtra.Contains(f.RuleId)).ToList();
}
