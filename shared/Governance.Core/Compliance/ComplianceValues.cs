namespace Governance.Core.Compliance;

/// <summary>Incident severities of the incident-reporting measures, highest first.</summary>
public static class IncidentSeverities
{
    public const string EspeciallyMajor = "especially_major";
    public const string Major = "major";
    public const string RelativelyMajor = "relatively_major";
    public const string General = "general";

    public static IReadOnlyList<string> All { get; } = [EspeciallyMajor, Major, RelativelyMajor, General];
}

/// <summary>The legal routes of a cross-border transfer.</summary>
public static class ExportRoutes
{
    public const string SecurityAssessment = "security_assessment";
    public const string Certification = "certification";
    public const string StandardContract = "standard_contract";
    public const string Exemption = "exemption";

    public static IReadOnlyList<string> All { get; } = [SecurityAssessment, Certification, StandardContract, Exemption];
}

/// <summary>Corporate events that may require a regulatory filing.</summary>
public static class FilingKinds
{
    public const string Merger = "merger";
    public const string Reorganization = "reorganization";
    public const string Division = "division";
    public const string ForeignListing = "foreign_listing";
    public const string HongKongListing = "hong_kong_listing";
    public const string OverseasCentre = "overseas_centre";
    public const string Dissolution = "dissolution";

    public static IReadOnlyList<string> All { get; } = [Merger, Reorganization, Division, ForeignListing, HongKongListing, OverseasCentre, Dissolution];
}

/// <summary>What an operator records doing about an incident; a deadline names the kind that meets it.</summary>
public static class IncidentActionKinds
{
    public const string Containment = "containment";
    public const string Report = "report";
    public const string Notification = "notification";

    public static IReadOnlyList<string> All { get; } = [Containment, Report, Notification];
}

/// <summary>When an incident deadline's clock starts: at detection, or once containment is recorded.</summary>
public static class DeadlineStarts
{
    public const string Detected = "detected";
    public const string Contained = "contained";

    public static IReadOnlyList<string> All { get; } = [Detected, Contained];
}

/// <summary>How a personal-information export threshold counts individuals.</summary>
public static class ExportCounting
{
    /// <summary>The individuals whose personal information this transfer carries (the sum over its assets).</summary>
    public const string Exported = "exported";

    /// <summary>The individuals whose personal information the platform holds (the catalog's running total).</summary>
    public const string Held = "held";

    public static IReadOnlyList<string> All { get; } = [Exported, Held];
}
