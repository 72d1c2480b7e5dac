using Governance.Core.Apps;
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

        services.TryAddSingleton<ClaimStore>();
        services.TryAddSingleton<IClaimQueue, StorageClaimQueue>();
        services.TryAddSingleton<ClaimNotifier>();
        services.TryAddSingleton<ClaimStatusWebhooks>();
        services.TryAddSingleton<ClaimFollowUp>();
        services.TryAddSingleton<ClaimStatusTokens>();
        services.TryAddSingleton<ClaimIntakeService>();
        services.TryAddSingleton<ClaimProcessor>();
        services.TryAddSingleton<ClaimQueries>();
        services.TryAddSingleton<ClaimDecisions>();
        services.TryAddSingleton<PayoutConfirmations>();
        services.TryAddSingleton<SettlementStore>();
        services.TryAddSingleton<RecourseService>();
        services.TryAddSingleton<ClaimSweeper>();
        return services;
    }
}
