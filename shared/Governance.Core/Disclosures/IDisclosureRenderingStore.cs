namespace Governance.Core.Disclosures;

/// <summary>
/// Derived renderings of published text (blob container <c>disclosure-renderings</c>), by name. Names embed the
/// content hashes they derive from, so a name always means the same bytes: a write never replaces an existing
/// blob, and of two racing writers the second simply finds the first's (identical) rendering there.
/// </summary>
public interface IDisclosureRenderingStore
{
    /// <summary>The rendering's bytes; null when it is not stored (never made, or removed: it is a cache).</summary>
    Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stores the rendering unless one is there already (then nothing changes).</summary>
    Task PutAsync(string name, BinaryData bytes, string contentType, CancellationToken cancellationToken = default);
}
