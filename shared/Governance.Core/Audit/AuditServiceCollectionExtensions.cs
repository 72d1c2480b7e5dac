using Governance.Core.Configuration;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log, its verifications and anchors; <c>Audit__*</c> settings are validated at start-up.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName))
            .ValidateProblems(o => o.Problems())
            .ValidateOnStart();
        services.TryAddSingleton<IAuditAnchorStore, BlobAuditAnchorStore>();
        services.AddGovernanceQueues(configuration);
        services.TryAddSingleton<IAuditVerificationQueue, StorageQueueAuditVerificationQueue>();
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<AuditQueries>();
        services.TryAddSingleton<AuditVerifier>();
        services.TryAddSingleton<AuditFullVerification>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddSingleton<AuditAnchorWriter>();
        return services;
    }
}
