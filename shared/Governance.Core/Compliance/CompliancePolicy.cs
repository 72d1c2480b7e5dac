namespace Governance.Core.Compliance;

/// <summary>
/// Section <c>compliance</c> of a policy profile: what cross-border transfers need, which incident deadlines
/// apply to whom, and what each corporate event requires. Every figure and every deadline here names a rule of
/// the profile (<see cref="ComplianceRuleIds"/> and the rules the entries name), which carries the citation.
/// </summary>
public sealed class CompliancePolicy
{
    public required ExportRules Exports { get; init; }

    public required IncidentRules Incidents { get; init; }

    public required FilingRules Filings { get; init; }
}

/// <summary>Thresholds and periods of cross-border transfers (rules <c>compliance.export.*</c>).</summary>
public sealed class ExportRules
{
    /// <summary>Personal information of at least this many individuals needs a security assessment (rule <c>compliance.export.personal-information-volume</c>).</summary>
    public required ExportThreshold PersonalInformation { get; init; }

    /// <summary>Sensitive personal information of at least this many individuals needs a security assessment (rule <c>compliance.export.sensitive-personal-information</c>).</summary>
    public required ExportThreshold SensitivePersonalInformation { get; init; }

    /// <summary>How long a security assessment's result is valid (rule <c>compliance.export.assessment-validity</c>).</summary>
    public required int AssessmentValidityDays { get; init; }

    /// <summary>Approvals that expire within this many days are flagged for renewal (rule <c>compliance.export.expiry-warning</c>).</summary>
    public required int ExpiryWarningDays { get; init; }

    /// <summary>Export records and their audit entries are kept at least this long (rule <c>compliance.export.record-retention</c>).</summary>
    public required int RecordRetentionYears { get; init; }
}

/// <param name="IndividualsAtLeast">The threshold (inclusive).</param>
/// <param name="Counting"><see cref="ExportCounting.Exported"/> or <see cref="ExportCounting.Held"/>.</param>
public sealed record ExportThreshold(long IndividualsAtLeast, string Counting);

/// <summary>The deadlines an incident starts and when the timer warns that one is near.</summary>
public sealed class IncidentRules
{
    /// <summary>A deadline is "approaching" once this share of its time (1–99 %) is left.</summary>
    public required int ApproachingWhenRemainingPercent { get; init; }

    public required IReadOnlyList<IncidentDeadlineRule> Deadlines { get; init; }
}

/// <summary>
/// One deadline an incident may start. It applies when the incident's severity is in <paramref name="Severities"/>
/// (null: any), the operator's type is in <paramref name="OperatorTypes"/> (null: any) and, when
/// <paramref name="Data"/> is set, the incident touches data it names. It runs <paramref name="Hours"/> from
/// detection or from recorded containment (<paramref name="Starts"/>) and is met by the first action of kind
/// <paramref name="MetBy"/> recorded at or after its start.
/// </summary>
public sealed record IncidentDeadlineRule(
    string Duty,
    string Authority,
    string MetBy,
    string Starts,
    int Hours,
    IReadOnlyList<string>? Severities,
    IReadOnlyList<string>? OperatorTypes,
    IncidentDataTrigger? Data,
    string RuleId);

/// <summary>
/// The data an incident must touch for a deadline to apply: an asset of one of <paramref name="Classifications"/>,
/// or at least <paramref name="IndividualsAffectedAtLeast"/> affected individuals (either suffices).
/// </summary>
public sealed record IncidentDataTrigger(IReadOnlyList<string> Classifications, long? IndividualsAffectedAtLeast);

/// <summary>The duties corporate events may carry.</summary>
public sealed class FilingRules
{
    public required IReadOnlyList<FilingDutyRule> Duties { get; init; }
}

/// <summary>
/// One duty an event of <paramref name="Kinds"/> carries when <paramref name="When"/> holds. It is due
/// <paramref name="DueDaysBeforeEvent"/> days before the event (0: by the event), or has no due date (null).
/// </summary>
public sealed record FilingDutyRule(
    string Duty,
    string Authority,
    IReadOnlyList<string> Kinds,
    FilingCondition When,
    int? DueDaysBeforeEvent,
    string RuleId);

/// <summary>
/// What must hold for a filing duty; every condition given must hold, none given means always. Facts come from the
/// filing (<paramref name="AffectsNationalSecurity"/>), the data catalog's running totals and the platform profile.
/// "Above" is strictly greater, "AtLeast" includes the figure.
/// </summary>
public sealed record FilingCondition(
    bool? AffectsNationalSecurity = null,
    bool? ImportantDataHeld = null,
    bool? PersonalInformationHeld = null,
    long? IndividualsAbove = null,
    long? IndividualsAtLeast = null,
    bool? LargePlatform = null);

/// <summary>Rule ids the compliance records apply in code. Every profile must define each one (validated at load).</summary>
public static class ComplianceRuleIds
{
    public const string DataClassification = "compliance.data.classification";
    public const string DataReclassification = "compliance.data.reclassification";
    public const string ExportCoreData = "compliance.export.core-data";
    public const string ExportImportantData = "compliance.export.important-data";
    public const string ExportPersonalInformationVolume = "compliance.export.personal-information-volume";
    public const string ExportSensitivePersonalInformation = "compliance.export.sensitive-personal-information";
    public const string ExportCriticalInfrastructure = "compliance.export.critical-infrastructure";
    public const string ExportAssessmentValidity = "compliance.export.assessment-validity";
    public const string ExportExpiryWarning = "compliance.export.expiry-warning";
    public const string ExportRecordRetention = "compliance.export.record-retention";
    public const string IncidentReportCriticalInfrastructure = "compliance.incident.report-critical-infrastructure";
    public const string IncidentReportStateBody = "compliance.incident.report-state-body";
    public const string IncidentReportOther = "compliance.incident.report-other";
    public const string IncidentSummaryReport = "compliance.incident.summary-report";
    public const string IncidentNotifyIndividuals = "compliance.incident.notify-individuals";
    public const string IncidentDataIncidentReport = "compliance.incident.data-incident-report";
    public const string FilingMergerSecurityReview = "compliance.filing.merger-security-review";
    public const string FilingForeignListingReview = "compliance.filing.foreign-listing-review";
    public const string FilingHongKongListingReview = "compliance.filing.hong-kong-listing-review";
    public const string FilingOverseasCentreReport = "compliance.filing.overseas-centre-report";
    public const string FilingImportantDataDisposal = "compliance.filing.important-data-disposal";
    public const string FilingPersonalInformationTransfer = "compliance.filing.personal-information-transfer";
    public const string FilingDissolutionDataDisposal = "compliance.filing.dissolution-data-disposal";

    public static IReadOnlyList<string> Required { get; } =
    [
        DataClassification, DataReclassification,
        ExportCoreData, ExportImportantData, ExportPersonalInformationVolume, ExportSensitivePersonalInformation,
        ExportCriticalInfrastructure, ExportAssessmentValidity, ExportExpiryWarning, ExportRecordRetention,
        IncidentReportCriticalInfrastructure, IncidentReportStateBody, IncidentReportOther, IncidentSummaryReport,
        IncidentNotifyIndividuals, IncidentDataIncidentReport,
        FilingMergerSecurityReview, FilingForeignListingReview, FilingHongKongListingReview, FilingOverseasCentreReport,
        FilingImportantDataDisposal, FilingPersonalInformationTransfer, FilingDissolutionDataDisposal,
    ];
}
