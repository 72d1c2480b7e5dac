using Governance.Core.Platform;

namespace Governance.Core.Disclosures;

/// <summary>The platform's declared size, for the large-platform gate (a seam so the publisher can be unit-tested).</summary>
public interface IDisclosurePlatformSize
{
    Task<PlatformSize> GetAsync(CancellationToken cancellationToken = default);
}

public sealed class PlatformProfileSize(PlatformProfileService platform) : IDisclosurePlatformSize
{
    public async Task<PlatformSize> GetAsync(CancellationToken cancellationToken = default)
        => (await platform.GetAsync(cancellationToken)).Size;
}
