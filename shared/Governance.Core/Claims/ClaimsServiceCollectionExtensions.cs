using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Claims;

public static class ClaimsServiceCollectionExtensions
{
    /// <summary>Compensation claims with the app registry, the ledger and outbound webhooks they use.</summary>
    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        services.AddApps();
        services.AddLedger();
        services.AddAggregate<Claim, ClaimMap>();
        services.AddAggregate<Settlement, SettlementMap>();

        services.TryAddSingleton<ClaimStatusWebhooks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFollowUpHandler, ClaimStatusWebhooks>(sp => sp.GetRequiredService<ClaimStatusWebhooks>()));
        services.TryAddSingleton<ClaimStatusTokens>();
        services.TryAddSingleton<ClaimIndexReader>();
        services.TryAddSingleton<ClaimQueries>();
        services.TryAddSingleton<ClaimIntakeService>();
        services.TryAddSingleton<ClaimProcessor>();
        services.TryAddSingleton<ClaimDecisions>();
        services.TryAddSingleton<PayoutConfirmations>();
        services.TryAddSingleton<RecourseService>();
        services.TryAddSingleton<Settlements>();
        return services;
    }
}
