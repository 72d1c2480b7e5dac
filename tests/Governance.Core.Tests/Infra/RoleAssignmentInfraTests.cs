namespace Governance.Core.Tests.Infra;

/// <summary>Every role assignment in infra/ grants one of the roles the app needs, and each of them is granted.</summary>
public sealed class RoleAssignmentInfraTests
{
    /// <summary>
    /// Built-in role ids from Microsoft Learn, "Azure built-in roles"
    /// (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
    /// </summary>
    public static TheoryData<string, string> ExpectedRoles => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88" },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" },
        { "Azure Service Bus Data Sender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39" },
        { "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb" },
    };

    private static IReadOnlyList<(string Where, string? RoleId)> Assignments => [.. InfraInspector.ForRepository().RoleAssignments()];

    [SkippableFact]
    public void Every_role_assignment_uses_an_expected_built_in_role()
    {
        var assignments = Assignments;
        var expected = ExpectedRoles.Select(r => (string)r[1]).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unexpected = assignments.Where(a => a.RoleId is null || !expected.Contains(a.RoleId)).ToList();

        Assert.NotEmpty(assignments);
        Assert.True(unexpected.Count == 0, "Unexpected or unresolvable role: " + string.Join("; ", unexpected.Select(a => $"{a.Where}: {a.RoleId ?? "unknown"}")));
    }

    [SkippableTheory]
    [MemberData(nameof(ExpectedRoles))]
    public void Each_needed_role_is_assigned(string role, string roleId)
        => Assert.True(Assignments.Any(a => string.Equals(a.RoleId, roleId, StringComparison.OrdinalIgnoreCase)), $"No assignment of {role} ({roleId}).");
}
