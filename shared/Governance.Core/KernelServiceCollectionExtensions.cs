using Governance.Core.Audit;
using Governance.Core.Configuration;
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
            .ValidateProblems(o => o.Problems())
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
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        foreach (var source in InboundWebhookOptions.Sources)
        {
            services.AddOptions<InboundWebhookOptions>(source).Bind(configuration.GetSection(InboundWebhookOptions.SectionOf(source))).ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboundWebhookOptions>, InboundWebhookOptionsValidator>());
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.PendingLeaseSeconds >= 2 && o.RetentionDays >= 1, "Idempotency__PendingLeaseSeconds must be at least 2 and Idempotency__RetentionDays at least 1.")
            .Validate(
                o => o.FailedRetryAfterSeconds >= 0 && o.FailedRetryAfterSeconds <= o.PendingLeaseSeconds,
                "Idempotency__FailedRetryAfterSeconds must be between 0 and Idempotency__PendingLeaseSeconds.")
            .ValidateOnStart();

        services.AddOptions<PolicyProfileOptions>().Bind(configuration.GetSection(PolicyProfileOptions.SectionName));
        services.TryAddSingleton<IPolicyProfileProvider, PolicyProfileProvider>();
        services.AddHostedService<PolicyProfileStartupCheck>();

        services.AddHttpClient(StaffTokenValidator.MetadataHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan) // held for life by the metadata manager; connections recycle in the handler
            .AddStandardResilienceHandler(); // a GET of public metadata: the standard retries are safe
        services.TryAddSingleton<StaffTokenValidator>(sp => new StaffTokenValidator(
            sp.GetRequiredService<IOptions<AuthOptions>>(), sp.GetRequiredService<TimeProvider>(), httpClients: sp.GetRequiredService<IHttpClientFactory>()));
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
        services.AddGovernanceQueues(configuration);
        services.TryAddSingleton<IWebhookDeliveryQueue, StorageQueueWebhookDeliveryQueue>();
        services.AddWebhookHttpClient();
        services.TryAddSingleton(sp => new WebhookDeliveryService(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookHttpClient.Name),
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
