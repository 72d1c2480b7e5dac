namespace Governance.Core.Developers;

/// <summary>Resolves an API key to its developer: what authentication needs, and nothing more.</summary>
public interface IDeveloperKeyLookup
{
    /// <summary>The developer id owning <paramref name="apiKey"/>, or null for an unknown, malformed or rotated key.</summary>
    Task<string?> FindDeveloperIdAsync(string apiKey, CancellationToken cancellationToken = default);
}
