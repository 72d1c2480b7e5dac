namespace Governance.Core.Security;

/// <summary>The values of the <c>roles</c> claim this app understands.</summary>
public static class StaffRoles
{
    public const string Operator = "operator";
    public const string Reviewer = "reviewer";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Operator, Reviewer, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
