using Azure.Storage.Blobs;
using Governance.Core.Aggregates;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Scans;
using Governance.Core.Pricing.Segments;
using Governance.Core.Security;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Registers discriminatory-pricing ingestion and scanning (section <c>Pricing</c>, validated at start-up).
    /// <see cref="ObservationIngestor"/> checks currencies with the ISO 4217 catalog (<see cref="Iso4217Currencies"/>);
    /// <c>Pricing__IngestionKeys</c> lists the keys of machine clients that may send observations.
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.SectionName))
            .Validate(o => o.ShardCount is >= 1 and <= PricingOptions.MaxShardCount, $"Pricing__ShardCount must be 1 to {PricingOptions.MaxShardCount}.")
            .ValidateOnStart();
        services.AddIngestionKeySource(configuration, PricingOptions.SectionName);
        services.TryAddSingleton<IActiveCurrencies, Iso4217Currencies>();
        services.TryAddSingleton<ObservationLayout>();
        services.TryAddSingleton(sp => new ObservationIdIndex(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ContainerNames.PricingObservations)));
        services.TryAddSingleton<ObservationSegmentStore>();
        services.TryAddSingleton<ObservationIngestor>();
        services.TryAddSingleton<ShardScanner>();
        services.TryAddSingleton<ScanFinalizer>();
        services.AddAggregate<PricingScan, PricingScanMap>();
        services.TryAddSingleton<PricingFindingStore>();
        services.TryAddSingleton<PricingScanService>();
        return services;
    }
}
