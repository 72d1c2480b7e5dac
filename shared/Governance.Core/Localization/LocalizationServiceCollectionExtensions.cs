using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Core.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>The reports' localization: settings validated when the host starts (an unknown zone stops it, naming the setting).</summary>
    public static IServiceCollection AddReportLocalization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalizationOptions>().Bind(configuration.GetSection(LocalizationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalizationOptions>, LocalizationOptionsValidator>());
        services.TryAddSingleton<Localizer>();
        return services;
    }
}
