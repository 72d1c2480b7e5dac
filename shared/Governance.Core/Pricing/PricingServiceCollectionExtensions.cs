using Azure.Storage.Blobs;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Segments;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Registers discriminatory-pricing ingestion and scanning (section <c>Pricing</c>, validated at start-up).
    /// <see cref="ObservationIngestor"/> needs an <see cref="IActiveCurrencies"/>: the ISO 4217 catalog provides it.
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.SectionName))
            .Validate(o => o.ShardCount is >= 1 and <= PricingOptions.MaxShardCount, $"Pricing__ShardCount must be 1 to {PricingOptions.MaxShardCount}.")
            .ValidateOnStart();
        services.TryAddSingleton<ObservationLayout>();
        services.TryAddSingleton(sp => new ObservationIdIndex(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ContainerNames.PricingObservations)));
        services.TryAddSingleton<ObservationSegmentStore>();
        // A factory, so that the container validates without the catalog; resolving the ingestor needs it.
        services.TryAddSingleton(sp => new ObservationIngestor(
            sp.GetRequiredService<ObservationLayout>(), sp.GetRequiredService<ObservationSegmentStore>(), sp.GetRequiredService<IActiveCurrencies>()));
        services.TryAddSingleton<ShardScanner>();
        services.TryAddSingleton<ScanFinalizer>();
        return services;
    }
}
