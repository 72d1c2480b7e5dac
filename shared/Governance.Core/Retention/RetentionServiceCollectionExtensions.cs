using Governance.Core.Idempotency;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Registers the retention clean-up (section <c>Retention</c> bounds a run).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.BatchSize is >= 1 and <= 1000 && o.MaxRowsPerRun >= 1, "Retention__BatchSize must be 1 to 1000 and Retention__MaxRowsPerRun at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<IdempotencyRetention>();
        services.TryAddSingleton<RetentionCleanup>();
        return services;
    }
}
