using Governance.Core.Audit;
using Governance.Core.Developers;
using Governance.Core.Idempotency;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Core;

public static class KernelServiceCollectionExtensions
{
    /// <summary>
    /// The kernel every duty builds on: caller authentication, developer accounts, webhook signatures and
    /// callback policy, idempotency, the audit log and the policy profile. Auth settings and the policy profile
    /// are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddGovernanceKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ConcurrencyOptions>().Bind(configuration.GetSection(ConcurrencyOptions.SectionName))
            .Validate(o => !o.Problems().Any(), "Storage__Concurrency__* settings are out of range (MaxAttempts 1-1000, 0 <= BaseDelay <= MaxDelay <= 30 s).")
            .ValidateOnStart();
        services.TryAddSingleton<ConflictRetry>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>(sp =>
            new AuthOptionsValidator(HostingEnvironment.IsDevelopment(sp.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()?.EnvironmentName, configuration))));
        services.AddOptions<SignUpOptions>().Bind(configuration.GetSection(SignUpOptions.SectionName))
            .Validate(o => o.RateLimit.PermitLimit >= 1 && o.RateLimit.WindowSeconds >= 1, "SignUp__RateLimit__PermitLimit and SignUp__RateLimit__WindowSeconds must be at least 1.")
            .Validate(o => o.RateLimit.PermitLimit <= FixedWindowRateLimiter.MaxPermitLimit, $"SignUp__RateLimit__PermitLimit must be at most {FixedWindowRateLimiter.MaxPermitLimit}.")
            .ValidateOnStart();
        services.AddOptions<Configuration.PublicBaseUrlOptions>().Bind(configuration.GetSection(Configuration.PublicBaseUrlOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Configuration.PublicBaseUrlOptions>, Configuration.PublicBaseUrlOptionsValidator>());
        services.AddOptions<ClientAddressOptions>().Bind(configuration.GetSection(ClientAddressOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientAddressOptions>, ClientAddressOptionsValidator>());
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.MaxDeliveryAttempts >= 1 && o.DeliveryTimeoutSeconds >= 1, "Webhooks__MaxDeliveryAttempts and Webhooks__DeliveryTimeoutSeconds must be at least 1.");
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.PendingLeaseSeconds >= 2 && o.RetentionDays >= 1, "Idempotency__PendingLeaseSeconds must be at least 2 and Idempotency__RetentionDays at least 1.")
            .Validate(
                o => o.FailedRetryAfterSeconds >= 0 && o.FailedRetryAfterSeconds <= o.PendingLeaseSeconds,
                "Idempotency__FailedRetryAfterSeconds must be between 0 and Idempotency__PendingLeaseSeconds.")
            .ValidateOnStart();

        services.TryAddSingleton<IPolicyProfileProvider>(_ => new PolicyProfileProvider(configuration));
        services.AddHostedService<PolicyProfileStartupCheck>();

        services.TryAddSingleton<StaffTokenValidator>(sp => new StaffTokenValidator(sp.GetRequiredService<IOptions<AuthOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DevTokenIssuer>();
        services.TryAddSingleton<FixedWindowRateLimiter>();
        services.TryAddSingleton<DeveloperService>();
        services.TryAddSingleton<IDeveloperKeyLookup>(sp => sp.GetRequiredService<DeveloperService>());
        services.TryAddSingleton<ICallerAuthenticator, RequestAuthenticator>();
        services.TryAddSingleton<IngestionKeyVerifier>();

        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.TryAddSingleton<CallbackUrlPolicy>();
        services.TryAddSingleton<WebhookSignature>();
        services.TryAddSingleton<InboundWebhookVerifier>();
        services.TryAddSingleton<IWebhookEndpointStore, TableWebhookEndpointStore>();
        services.TryAddSingleton<IWebhookDeliveryQueue>(sp => new StorageQueueWebhookDeliveryQueue(sp.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>(), configuration));
        services.TryAddSingleton(sp => new WebhookDeliveryService(
            new HttpClient(CallbackHttpHandler.Create(sp.GetRequiredService<IHostAddressResolver>(), sp.GetRequiredService<IOptions<WebhookOptions>>())),
            sp.GetRequiredService<IWebhookEndpointStore>(),
            sp.GetRequiredService<IWebhookDeliveryQueue>(),
            sp.GetRequiredService<WebhookSignature>(),
            sp.GetRequiredService<CallbackUrlPolicy>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WebhookDeliveryService>>()));

        services.TryAddSingleton<IIdempotencyBodyStore, BlobIdempotencyBodyStore>();
        services.TryAddSingleton<IdempotencyStore>();

        services.AddAuditLog(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Events.IFollowUpHandler, AuditFollowUpHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Events.IFollowUpHandler, WebhookFollowUpHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Events.IFollowUpHandler, QueueFollowUpHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Events.IFollowUpHandler, IndexFollowUpHandler>());

        services.TryAddSingleton<PlatformProfileService>();
        return services;
    }
}
