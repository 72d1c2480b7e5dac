using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Disclosures;

public static class DisclosuresServiceCollectionExtensions
{
    /// <summary>Disclosures: drafts, gated publishing, public reads, activation. Needs the kernel (audit, profile, platform size).</summary>
    public static IServiceCollection AddDisclosures(this IServiceCollection services)
    {
        services.TryAddSingleton<IDisclosureEvents, OutboxDisclosureEvents>();
        services.TryAddSingleton<IDisclosureStore, TableDisclosureStore>();
        services.TryAddSingleton<IDisclosureContentStore, BlobDisclosureContentStore>();
        services.TryAddSingleton<IDraftContentStore, BlobDraftContentStore>();
        services.TryAddSingleton<IDisclosureRenderingStore, BlobDisclosureRenderingStore>();
        services.TryAddSingleton<IDisclosureRenderer, DisclosureRenderer>();
        services.TryAddSingleton<DisclosureRenderingCache>();
        services.TryAddSingleton<DisclosureRenderings>();
        services.TryAddSingleton<IDisclosurePlatformSize, PlatformProfileSize>();
        services.TryAddSingleton<DisclosureAuditor>();
        services.TryAddSingleton<DisclosureDraftService>();
        services.TryAddSingleton<DisclosurePublisher>();
        services.TryAddSingleton<DisclosureReader>();
        services.TryAddSingleton<DisclosureActivator>();
        return services;
    }
}
