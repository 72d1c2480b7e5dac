namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// What the contract says the processing covers: the clauses that address the scope rule, plus clauses that
/// list purposes or categories (an annex or table the scope clause refers to). Declared purposes and data
/// categories are compared against it.
/// </summary>
public sealed record ClauseScope(string Text)
{
    public static ClauseScope Empty { get; } = new(string.Empty);

    internal static ClauseScope From(IReadOnlyList<ContractClause> scopeClauses, IReadOnlyList<ContractClause> all)
    {
        var listing = all.Where(c => !scopeClauses.Contains(c) && Listing(c.Text));
        return new ClauseScope(string.Join("\n", scopeClauses.Concat(listing).Select(c => (c.Heading is null ? string.Empty : c.Heading + ": ") + c.Text)));
    }

    private static bool Listing(string text)
    {
        var t = text.ToLowerInvariant();
        return t.Contains("purpose", StringComparison.Ordinal) || t.Contains("categor", StringComparison.Ordinal) || t.Contains("types of", StringComparison.Ordinal)
               || t.Contains("目的", StringComparison.Ordinal) || t.Contains("用途", StringComparison.Ordinal) || t.Contains("种类", StringComparison.Ordinal)
               || t.Contains("类别", StringComparison.Ordinal) || t.Contains("类型", StringComparison.Ordinal) || t.Contains("范围", StringComparison.Ordinal);
    }
}
