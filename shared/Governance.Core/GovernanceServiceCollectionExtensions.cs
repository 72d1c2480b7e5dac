using Governance.Core.Claims;
using Governance.Core.Compliance;
using Governance.Core.Disclosures;
using Governance.Core.Events;
using Governance.Core.Health;
using Governance.Core.Localization;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Pricing;
using Governance.Core.Retention;
using Governance.Core.Storage;
using Governance.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Core;

public static class GovernanceServiceCollectionExtensions
{
    /// <summary>
    /// Registers every Core service. The Functions worker and the local host both call this, so what runs
    /// locally is what runs in Azure.
    /// </summary>
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(_ => new StorageClientFactory(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClientFactory>().CreateTableServiceClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClientFactory>().CreateBlobServiceClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient());
        services.TryAddSingleton<StorageProvisioner>();
        if (configuration.GetValue("Storage:ProvisionOnStartup", true))
        {
            services.AddHostedService<StorageProvisioningHostedService>();
        }

        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<Timeline.TimelineReader>();
        services.AddGovernanceTelemetry(configuration);
        services.AddGovernanceKernel(configuration);
        services.AddGovernanceEvents(configuration);
        services.AddReportLocalization(configuration);
        services.AddClaims();
        services.AddOnboarding(configuration);
        services.AddDisclosures();
        services.AddRetention(configuration);
        services.AddPricing(configuration);
        services.AddCompliance();
        return services;
    }
}
