using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Core.Json;

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
/// A draft, a child record of its <see cref="DisclosureKind"/>. <see cref="Revision"/> counts its changes;
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
    string? PublishOperationId = null,
    int Revision = 1)
{
    [JsonIgnore]
    public bool IsPublished => Status == DraftStatuses.Published;

    /// <summary>The entity tag clients send in <c>If-Match</c>: a hash of the draft as stored, so it changes with every change.</summary>
    [JsonIgnore]
    public string ETag => $"\"{DisclosureHashing.Sha256Hex(JsonSerializer.SerializeToUtf8Bytes(this, GovernanceJson.Options))[..32]}\"";
}

/// <summary>
/// A published version, a child record of its <see cref="DisclosureKind"/>: immutable once written, except for
/// <see cref="Status"/>/<see cref="ActivatedAt"/>, which activation records when its effectiveFrom comes.
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
    DateTimeOffset? ActivatedAt)
{
    [JsonIgnore]
    public DateTimeOffset EffectiveFrom => Metadata.EffectiveFrom;

    public bool IsEffectiveAt(DateTimeOffset now) => EffectiveFrom <= now;
}

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
