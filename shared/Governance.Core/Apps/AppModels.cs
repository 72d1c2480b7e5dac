namespace Governance.Core.Apps;

/// <summary>Body of <c>POST /api/apps</c>.</summary>
public sealed record AppRegistration(string? AppId, string? Name, string? DeveloperId);

/// <summary>A third-party app on the platform: what claims, onboarding and recourse refer to.</summary>
public sealed record AppRecord(string AppId, string Name, string? DeveloperId, string Status, DateTimeOffset CreatedAt)
{
    /// <summary>What onboarding approved the app with; absent for apps an operator registered directly.</summary>
    public AppDataDeclaration? Data { get; init; }

    /// <summary>Open reasons to re-assess the app; empty when none.</summary>
    public IReadOnlyList<ReassessmentFlag> Reassessments { get; init; } = [];
}

/// <summary>The data an app declared when it was onboarded: its categories (with classification) and the request that approved it.</summary>
public sealed record AppDataDeclaration(string OnboardingRequestId, IReadOnlyList<AppDataCategory> Categories, string HighestClassification, bool CrossBorder);

public sealed record AppDataCategory(string Name, string Classification, bool PersonalInformation, bool Sensitive);

/// <summary>One open reason to re-assess an app: where it came from (<see cref="Source"/>, unique per app), why, the rule, when.</summary>
public sealed record ReassessmentFlag(string Source, string Reason, string? Rule, DateTimeOffset FlaggedAt);

public static class AppStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
