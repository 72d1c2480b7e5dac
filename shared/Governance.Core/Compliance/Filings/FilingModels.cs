namespace Governance.Core.Compliance.Filings;

/// <summary>Body of <c>POST /api/filings</c>: the corporate event, when it takes effect, and what the catalog cannot know.</summary>
public sealed record RegulatoryFilingRequest(string? Kind, DateTimeOffset? OccursAt, RegulatoryFilingFacts? Facts);

/// <summary>The event's own facts: whether it affects (or may affect) national security.</summary>
public sealed record RegulatoryFilingFacts(bool? AffectsNationalSecurity);

/// <summary>Body of <c>POST /api/filings/{filingId}/duties/{duty}/done</c>.</summary>
public sealed record FilingDutyDoneRequest(DateTimeOffset? At, string? Reference);

/// <summary>
/// What the duties were decided on, as it stood when the filing was recorded: the event's facts, the catalog's running
/// totals (important data held, individuals whose personal information is held) and the platform's size.
/// </summary>
public sealed record FilingBasis(
    bool AffectsNationalSecurity,
    bool ImportantDataHeld,
    bool PersonalInformationHeld,
    long IndividualsWithPersonalInformation,
    bool LargePlatform);

/// <summary>A duty the event carries, as stored.</summary>
public sealed record FilingDuty(string Duty, string Authority, DateTimeOffset? DueAt, string Rule, string Citation)
{
    public DateTimeOffset? DoneAt { get; init; }

    public string? Reference { get; init; }

    public string? DoneBy { get; init; }
}

public static class FilingDutyStatuses
{
    public const string Open = "open";
    public const string Done = "done";

    /// <summary>Past its due date and not done.</summary>
    public const string Overdue = "overdue";
}

public sealed record FilingDutyView(string Duty, string Authority, DateTimeOffset? DueAt, string Rule, string Citation, string Status, DateTimeOffset? DoneAt, string? Reference);

public sealed record FilingView(
    string FilingId,
    string Kind,
    DateTimeOffset OccursAt,
    FilingBasis Basis,
    IReadOnlyList<FilingDutyView> Duties,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Profile);

public sealed record FilingPage(IReadOnlyList<FilingView> Filings, string? ContinuationToken);

/// <summary>The fact a filing leaves on the timeline.</summary>
public sealed record FilingFact(string FilingId, string Kind, DateTimeOffset OccursAt, int Duties);
