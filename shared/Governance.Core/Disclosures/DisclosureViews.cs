namespace Governance.Core.Disclosures;

/// <summary>A draft as staff read it.</summary>
public sealed record DraftView(
    string DraftId,
    string Kind,
    string Status,
    string Title,
    string Content,
    string FormulationProcedure,
    string AdjudicationProcedure,
    string ChangeSummary,
    DateTimeOffset EffectiveFrom,
    bool SignificantImpact,
    Assessment? Assessment,
    Filing? Filing,
    AlgorithmDisclosure? Algorithm,
    string ContentSha256,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    int? PublishedVersion,
    string? Language)
{
    public static DraftView From(DraftWithContent d)
    {
        var (draft, content) = (d.Draft, d.Content);
        var m = draft.Metadata;
        return new DraftView(
            draft.DraftId, draft.Kind, draft.Status, m.Title, content, m.FormulationProcedure, m.AdjudicationProcedure, m.ChangeSummary,
            m.EffectiveFrom, m.SignificantImpact, m.Assessment, m.Filing, m.Algorithm, draft.ContentSha256,
            draft.CreatedAt, draft.CreatedBy, draft.UpdatedAt, draft.UpdatedBy, draft.PublishedVersion, m.Language);
    }
}

/// <summary>A draft in a list (without its content).</summary>
public sealed record DraftSummaryView(
    string DraftId,
    string Kind,
    string Status,
    string Title,
    DateTimeOffset EffectiveFrom,
    bool SignificantImpact,
    string ContentSha256,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    int? PublishedVersion)
{
    public static DraftSummaryView From(DisclosureDraft d)
        => new(d.DraftId, d.Kind, d.Status, d.Metadata.Title, d.Metadata.EffectiveFrom, d.Metadata.SignificantImpact, d.ContentSha256, d.UpdatedAt, d.UpdatedBy, d.PublishedVersion);
}

public sealed record DraftListView(string Kind, IReadOnlyList<DraftSummaryView> Drafts);

/// <summary>A published version as the public reads it.</summary>
public sealed record PublicVersionView(
    string Kind,
    int Version,
    string Title,
    string Content,
    string Sha256,
    string FormulationProcedure,
    string AdjudicationProcedure,
    string ChangeSummary,
    DateTimeOffset PublishedAt,
    DateTimeOffset EffectiveFrom,
    string Status,
    AlgorithmDisclosure? Algorithm,
    string? Language);

public sealed record PublicVersionSummaryView(
    int Version,
    string Title,
    string Sha256,
    string ChangeSummary,
    DateTimeOffset PublishedAt,
    DateTimeOffset EffectiveFrom,
    string Status,
    bool Current,
    string? Language);

public sealed record PublicVersionListView(string Kind, IReadOnlyList<PublicVersionSummaryView> Versions);

public sealed record ScheduledVersionView(int Version, string Title, DateTimeOffset EffectiveFrom);

/// <summary>One kind in the public index: the version in force (absent when none) and the next scheduled one.</summary>
public sealed record PublicIndexEntryView(
    string Kind,
    int? Version,
    string? Title,
    DateTimeOffset? EffectiveFrom,
    string? Sha256,
    ScheduledVersionView? Next);

public sealed record PublicIndexView(IReadOnlyList<PublicIndexEntryView> Disclosures);

public sealed record DiffView(string Kind, int From, int To, string FromSha256, string ToSha256, IReadOnlyList<DiffHunk> Hunks)
{
    public string ToUnifiedText()
        => DisclosureDiff.Unified($"{Kind} version {From} (sha256 {FromSha256})", $"{Kind} version {To} (sha256 {ToSha256})", Hunks);
}
