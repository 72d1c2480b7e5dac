namespace Governance.Core.Platform;

/// <summary>
/// What kind of operator the platform is, as an operator declares it in the platform profile: it decides which
/// incident-reporting deadline applies (critical-infrastructure operators, central and state bodies, others).
/// </summary>
public static class OperatorTypes
{
    public const string CriticalInfrastructure = "critical_infrastructure";
    public const string StateBody = "state_body";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [CriticalInfrastructure, StateBody, Other];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);
}
