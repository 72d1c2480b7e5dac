namespace Governance.Core.Apps;

/// <summary>Body of <c>POST /api/apps</c>.</summary>
public sealed record AppRegistration(string? AppId, string? Name, string? DeveloperId);

/// <summary>A third-party app on the platform: what claims, onboarding and recourse refer to.</summary>
public sealed record AppRecord(string AppId, string Name, string? DeveloperId, string Status, DateTimeOffset CreatedAt);

public static class AppStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
