using System.Text.Json.Serialization;

namespace Governance.Core.Disclosures;

/// <summary>A third-party assessment report (large platforms, significant changes).</summary>
public sealed record Assessment(string Agency, string ReportReference, string Conclusion, string ReportSha256)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
}

/// <summary>A filing with the authorities (large platforms, significant changes).</summary>
public sealed record Filing(string Authority, string Reference, DateTimeOffset AcceptedAt);

public sealed record AlgorithmParameter(string Name, string Description);

/// <summary>What an <c>algorithm-strategy</c> disclosure says about the algorithm.</summary>
public sealed record AlgorithmDisclosure(
    string Name,
    string Purpose,
    IReadOnlyList<AlgorithmParameter> MainParameters,
    bool PersonalizationOptOut,
    string? FilingNumber);

/// <summary>
/// Everything a draft or version says besides its Markdown content (which lives in the content store).
/// <see cref="Language"/> is the BCP 47 tag of the disclosure's own text (content, title, procedures), in
/// canonical case; null when the draft did not declare one.
/// </summary>
public sealed record DisclosureMetadata(
    string Title,
    string FormulationProcedure,
    string AdjudicationProcedure,
    string ChangeSummary,
    DateTimeOffset EffectiveFrom,
    bool SignificantImpact,
    Assessment? Assessment,
    Filing? Filing,
    AlgorithmDisclosure? Algorithm,
    string? Language = null);

/// <summary>A validated draft body: metadata plus the Markdown.</summary>
public sealed record DisclosureDraftInput(DisclosureMetadata Metadata, string Content);

public static class DraftStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";
}

public static class VersionStatuses
{
    public const string Scheduled = "scheduled";
    public const string Effective = "effective";

    /// <summary>A later version took effect no later than this one, so this one never applies.</summary>
    public const string Superseded = "superseded";

    /// <summary>The publish-time status: effective when its time has already come.</summary>
    public static string At(DateTimeOffset effectiveFrom, DateTimeOffset now) => effectiveFrom <= now ? Effective : Scheduled;
}

/// <summary>
/// A stored draft. <see cref="ETag"/> is the storage version used for optimistic concurrency;
/// <see cref="PublishOperationId"/> is the operation that published it, so a retry of that publish is recognised.
/// </summary>
public sealed record DisclosureDraft(
    string Kind,
    string DraftId,
    string Status,
    DisclosureMetadata Metadata,
    string ContentSha256,
    long ContentLength,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    int? PublishedVersion,
    string? ETag = null,
    string? PublishOperationId = null)
{
    public bool IsPublished => Status == DraftStatuses.Published;
}

/// <summary>
/// A published version: immutable once written, except for <see cref="Status"/>/<see cref="ActivatedAt"/> (set by the
/// activation timer) and the two audit flags (a crash between committing and auditing leaves them set, and the
/// timer appends the missing audit entry).
/// </summary>
public sealed record DisclosureVersion(
    string Kind,
    int Version,
    DisclosureMetadata Metadata,
    string Sha256,
    long ContentLength,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string DraftId,
    string Profile,
    string Status,
    DateTimeOffset? ActivatedAt,
    bool PublishAuditPending,
    bool ActivationAuditPending,
    string? ETag = null)
{
    public DateTimeOffset EffectiveFrom => Metadata.EffectiveFrom;

    public bool IsEffectiveAt(DateTimeOffset now) => EffectiveFrom <= now;
}

/// <summary>The per-kind version counter; <see cref="ETag"/> is null while the kind has no version.</summary>
public sealed record VersionCounter(string Kind, int LastVersion, string? ETag);

/// <summary>The <c>governance.disclosure.published</c> event's data.</summary>
public sealed record DisclosurePublished(
    string Kind,
    int Version,
    string Title,
    string Sha256,
    DateTimeOffset PublishedAt,
    DateTimeOffset EffectiveFrom,
    string Status)
{
    /// <summary>Deterministic, so a repeated delivery of the same publication can be deduplicated.</summary>
    [JsonIgnore]
    public string EventId => $"disclosure-{Kind}-v{Version}";

    [JsonIgnore]
    public string Subject => $"{Kind}/versions/{Version}";
}
