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
            .Validate(o => !o.Problems().Any(), "Audit__* settings are out of range (ChainShards 1-256, VerifyMaxEntriesPerRequest and FullVerificationSliceEntries 100-1000000).")
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
