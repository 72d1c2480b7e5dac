namespace Governance.Core.Onboarding.Clauses;

/// <summary>A sentence of a clause; <see cref="Offset"/> is its start in <c>ContractDocument.Text</c>.</summary>
public sealed record ContractSentence(string Text, int Offset);

/// <summary>
/// One clause of a contract: the smallest numbered item or paragraph, with its number (<c>5.1</c>, <c>(a)</c>,
/// <c>第五条</c>) and the heading it sits under, if any. <see cref="Text"/> is the clause body without number or
/// heading (a heading says what a clause should be about, not what it says), starting at <see cref="Offset"/>.
/// </summary>
public sealed record ContractClause(int Index, string? Number, string? Heading, string Text, int Offset, IReadOnlyList<ContractSentence> Sentences)
{
    /// <summary>The last heading above the clause however far up (<see cref="Heading"/> only reaches a few clauses): the annex or part it belongs to.</summary>
    public string? Section { get; init; }

    /// <summary>For a table row, the cells of its table's header row; the row's <see cref="Text"/> holds its cells separated by <c> | </c>.</summary>
    public IReadOnlyList<string>? TableHeader { get; init; }
}
