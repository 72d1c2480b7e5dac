using Governance.Core.Aggregates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Disclosures;

public static class DisclosuresServiceCollectionExtensions
{
    /// <summary>Disclosures: drafts, gated publishing, public reads, activation. Needs the kernel (aggregate store, profile, platform size).</summary>
    public static IServiceCollection AddDisclosures(this IServiceCollection services)
    {
        services.AddAggregate<DisclosureKind, DisclosureKindMap>();
        services.TryAddSingleton<IDisclosureRecords, TableDisclosureRecords>();
        services.TryAddSingleton<IDisclosureContentStore, BlobDisclosureContentStore>();
        services.TryAddSingleton<IDraftContentStore, BlobDraftContentStore>();
        services.TryAddSingleton<IDisclosureRenderingStore, BlobDisclosureRenderingStore>();
        services.TryAddSingleton<IDisclosureRenderer, DisclosureRenderer>();
        services.TryAddSingleton<DisclosureRenderingCache>();
        services.TryAddSingleton<DisclosureRenderings>();
        services.TryAddSingleton<IDisclosurePlatformSize, PlatformProfileSize>();
        services.TryAddSingleton<DisclosureDraftService>();
        services.TryAddSingleton<DisclosurePublisher>();
        services.TryAddSingleton<DisclosureReader>();
        services.TryAddSingleton<DisclosureActivator>();
        return services;
    }
}
