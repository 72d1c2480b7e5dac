using Governance.Core.Aggregates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Apps;

public static class AppsServiceCollectionExtensions
{
    /// <summary>The app registry shared by onboarding, claims and recourse.</summary>
    public static IServiceCollection AddApps(this IServiceCollection services)
    {
        services.AddAggregate<App, AppMap>();
        services.TryAddSingleton<AppRegistry>();
        services.TryAddSingleton<IAppDirectory>(sp => sp.GetRequiredService<AppRegistry>());
        return services;
    }
}
