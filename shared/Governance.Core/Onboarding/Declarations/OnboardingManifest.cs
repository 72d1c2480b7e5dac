namespace Governance.Core.Onboarding.Declarations;

/// <summary>What a third party declares about its app, exactly as the issue gives it (JSON, camelCase).</summary>
public sealed record OnboardingManifest(ManifestApp? App, ManifestData? Data, ManifestAuthentication? Authentication, IReadOnlyList<ManifestSdk>? Sdks);

public sealed record ManifestApp(string? Name, string? Description, string? Category, string? Homepage);

public sealed record ManifestData(
    IReadOnlyList<ManifestDataCategory>? Categories,
    IReadOnlyList<string>? Purposes,
    int? RetentionDays,
    long? SubjectsCount,
    ManifestCrossBorder? CrossBorder);

public sealed record ManifestDataCategory(string? Name, string? Classification, bool? PersonalInformation, bool? Sensitive);

public sealed record ManifestCrossBorder(bool? Enabled, IReadOnlyList<string>? Destinations, string? AssessmentReference);

public sealed record ManifestAuthentication(IReadOnlyList<string>? Methods);

public sealed record ManifestSdk(string? Name, string? Vendor, string? Purpose);
