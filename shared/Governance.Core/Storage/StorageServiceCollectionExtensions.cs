using Governance.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage connection (<c>AzureWebJobsStorage</c>), its clients, the queue names and sender, and the
    /// provisioning of every store at start-up (<c>Storage__ProvisionOnStartup</c>); settings are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddGovernanceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageConnectionOptions>().Configure(o => o.Bind(configuration)).ValidateProblems(o => o.Problems()).ValidateOnStart();
        services.TryAddSingleton(sp => new StorageClientFactory(sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClientFactory>().CreateTableServiceClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClientFactory>().CreateBlobServiceClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient());
        services.AddGovernanceQueues(configuration);
        services.TryAddSingleton<StorageProvisioner>();
        if (configuration.GetValue("Storage:ProvisionOnStartup", true))
        {
            services.AddHostedService<StorageProvisioningHostedService>();
        }

        return services;
    }

    /// <summary>The queue names (<see cref="QueueNameOptions"/>, validated at start-up) and the <see cref="QueueSender"/>; needs a <c>QueueServiceClient</c>.</summary>
    public static IServiceCollection AddGovernanceQueues(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(QueueSender)))
        {
            return services;
        }

        services.AddOptions<QueueNameOptions>().Configure(o => o.Bind(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueNameOptions>, QueueNameOptionsValidator>());
        services.TryAddSingleton<QueueSender>();
        return services;
    }
}
