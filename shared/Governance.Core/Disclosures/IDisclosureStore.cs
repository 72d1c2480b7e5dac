namespace Governance.Core.Disclosures;

/// <summary>
/// Drafts, versions and the per-kind version counter (table <c>Disclosures</c>, one partition per kind).
/// Writes are conditional on the ETag of what was read; a lost race returns null/false and the caller re-reads.
/// </summary>
public interface IDisclosureStore
{
    Task<DisclosureDraft?> GetDraftAsync(string kind, string draftId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DisclosureDraft>> ListDraftsAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>Adds the draft (insert-if-absent); null when a draft with its id exists already.</summary>
    Task<DisclosureDraft?> TryAddDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces the draft if it still has <see cref="DisclosureDraft.ETag"/>; null when it changed or vanished.</summary>
    Task<DisclosureDraft?> TryReplaceDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes the draft if it still has <see cref="DisclosureDraft.ETag"/>.</summary>
    Task<bool> TryDeleteDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default);

    Task<VersionCounter> GetCounterAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: moves the counter to <paramref name="version"/>'s number (if it is still at
    /// <paramref name="counter"/>), adds the version row, replaces the draft (if it still has its ETag) and records
    /// <paramref name="published"/>. False when another writer got there first: nothing was written.
    /// </summary>
    Task<bool> TryPublishAsync(DisclosureDraft publishedDraft, VersionCounter counter, DisclosureVersion version, DisclosurePublished published, CancellationToken cancellationToken = default);

    /// <summary>Every version of the kind, in version order.</summary>
    Task<IReadOnlyList<DisclosureVersion>> ListVersionsAsync(string kind, CancellationToken cancellationToken = default);

    Task<DisclosureVersion?> GetVersionAsync(string kind, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes only the mutable state of a version (status, activation time, audit flags) if it still has its
    /// ETag; null when it changed. Title, content hash, dates and procedures are never written after publishing.
    /// </summary>
    Task<DisclosureVersion?> TryUpdateVersionStateAsync(DisclosureVersion version, CancellationToken cancellationToken = default);
}

/// <summary>Write-once, content-addressed Markdown (blob container <c>disclosures</c>).</summary>
public interface IDisclosureContentStore
{
    /// <summary>Stores <paramref name="markdown"/> under its SHA-256 unless already there; returns the hash (hex).</summary>
    Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default);

    /// <summary>The Markdown with this hash, verified against it.</summary>
    Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default);
}

/// <summary>
/// Draft Markdown (blob container <c>disclosure-drafts</c>): mutable storage, content-addressed. Text reaches
/// the immutable <see cref="IDisclosureContentStore"/> only when a draft is published.
/// </summary>
public interface IDraftContentStore
{
    /// <summary>Stores <paramref name="markdown"/> under its SHA-256; returns the hash (hex).</summary>
    Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default);

    /// <summary>The Markdown with this hash, verified against it; null when the draft store does not hold it.</summary>
    Task<string?> GetAsync(string sha256, CancellationToken cancellationToken = default);
}
