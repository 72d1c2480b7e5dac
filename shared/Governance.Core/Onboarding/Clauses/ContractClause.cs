namespace Governance.Core.Onboarding.Clauses;

/// <summary>A sentence of a clause; <see cref="Offset"/> is its start in <c>ContractDocument.Text</c>.</summary>
public sealed record ContractSentence(string Text, int Offset);

/// <summary>
/// One clause of a contract: the smallest numbered item or paragraph, with its number (<c>5.1</c>, <c>(a)</c>,
/// <c>第五条</c>) and the heading it sits under, if any. <see cref="Text"/> is the clause body without number or
/// heading (a heading says what a clause should be about, not what it says), starting at <see cref="Offset"/>.
/// </summary>
public sealed record ContractClause(int Index, string? Number, string? Heading, string Text, int Offset, IReadOnlyList<ContractSentence> Sentences);
