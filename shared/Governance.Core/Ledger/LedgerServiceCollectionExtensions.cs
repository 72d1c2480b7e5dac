using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Ledger;

public static class LedgerServiceCollectionExtensions
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.TryAddSingleton<ILedger, TableLedger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Events.IFollowUpHandler, LedgerFollowUpHandler>());
        return services;
    }
}
