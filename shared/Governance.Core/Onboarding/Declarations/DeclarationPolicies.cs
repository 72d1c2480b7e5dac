using Governance.Core.Onboarding.Clauses;

namespace Governance.Core.Onboarding.Declarations;

/// <summary>The checks on what a third party declares in its manifest, each citing its rule.</summary>
public sealed class DeclarationPolicies
{
    /// <summary>Any <c>core</c> category: the request is rejected.</summary>
    public required DeclarationPolicy CoreData { get; init; }

    /// <summary>Important data or many subjects: the extra clauses become required.</summary>
    public required ElevatedDataPolicy ElevatedData { get; init; }

    /// <summary>Transfer abroad declared without the reference of a completed assessment.</summary>
    public required DeclarationPolicy CrossBorderAssessment { get; init; }

    /// <summary>Biometrics as the only means of authentication.</summary>
    public required BiometricPolicy BiometricOnly { get; init; }

    /// <summary>Declared purposes or categories the contract's scope does not cover.</summary>
    public required DeclarationPolicy ScopeCoverage { get; init; }
}

public class DeclarationPolicy
{
    public required string RuleId { get; init; }

    public required LocalizedText Title { get; init; }

    public required ClauseSeverity Severity { get; init; }

    public required string Citation { get; init; }
}

public sealed class ElevatedDataPolicy : DeclarationPolicy
{
    public required IReadOnlyList<string> Classifications { get; init; }

    public required long SubjectsAtLeast { get; init; }

    /// <summary>Ids of clause-library rules (applying when <c>elevated</c>) that become required.</summary>
    public required IReadOnlyList<string> Clauses { get; init; }
}

public sealed class BiometricPolicy : DeclarationPolicy
{
    public required IReadOnlyList<string> Methods { get; init; }
}
