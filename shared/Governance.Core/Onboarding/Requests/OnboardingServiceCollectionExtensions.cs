using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Onboarding.Requests;

public static class OnboardingServiceCollectionExtensions
{
    /// <summary>
    /// Third-party onboarding: the request aggregate, intake, the queued check, staff decisions, queries and the
    /// re-check timer's service; section <c>Onboarding</c> (extraction limits, re-checks per run) validated at start-up.
    /// </summary>
    public static IServiceCollection AddOnboarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OnboardingOptions>().Bind(configuration.GetSection(OnboardingOptions.SectionName))
            .Validate(o => o.Problems().Count == 0, "Onboarding__* settings are out of range: every extraction limit positive, MaxFileBytes at most 10 MB, RecheckMaxPerRun 1 to 10000.")
            .ValidateOnStart();
        services.AddApps();
        services.AddAggregate<OnboardingRequest, OnboardingRequestMap>();
        services.TryAddSingleton<ContractStore>();
        services.TryAddSingleton<OnboardingApps>();
        services.TryAddSingleton<OnboardingIntake>();
        services.TryAddSingleton<OnboardingQueries>();
        services.TryAddSingleton<OnboardingDecisions>();
        services.TryAddSingleton<OnboardingChecker>();
        services.TryAddSingleton<OnboardingRecheck>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFollowUpHandler, OnboardingAppSuspensionHandler>());
        return services;
    }
}
