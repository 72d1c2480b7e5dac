using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding;

/// <summary>
/// What a check found about one rule. Clause rules are <see cref="Satisfied"/>, <see cref="Missing"/>,
/// <see cref="Negated"/> (the clause is there only to exclude the duty) or <see cref="Insufficient"/> (hollow);
/// an unreadable contract is <see cref="Unreadable"/>; a declaration policy that does not hold is
/// <see cref="Violated"/>, or <see cref="Rejected"/> when it rejects the request outright.
/// </summary>
public enum FindingStatus
{
    Satisfied,
    Missing,
    Negated,
    Insufficient,
    Unreadable,
    Violated,
    Rejected,
}

/// <summary>The quote a finding rests on and where it is.</summary>
public sealed record FindingEvidence(string Quote, TextLocation Location);

/// <summary>
/// One finding, shaped like the request view's <c>findings[]</c>: <c>ruleId</c>, the contract's clause number
/// if any, <c>title</c>, <c>severity</c>, <c>status</c>, <c>evidence</c> (quote and location), <c>legalBasis</c>
/// and <c>message</c> (English and Chinese).
/// </summary>
public sealed record ClauseFinding(
    string RuleId,
    string? Clause,
    LocalizedText Title,
    ClauseSeverity Severity,
    FindingStatus Status,
    FindingEvidence? Evidence,
    string LegalBasis,
    LocalizedText Message)
{
    /// <summary>Whether the finding stands in the way of approval (a blocking or major problem).</summary>
    public bool IsProblem => Status is not FindingStatus.Satisfied && Severity is ClauseSeverity.Blocking or ClauseSeverity.Major;
}
