namespace Governance.Core.Disclosures;

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
