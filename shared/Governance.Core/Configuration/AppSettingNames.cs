using Governance.Core.Storage;

namespace Governance.Core.Configuration;

/// <summary>
/// Every app setting the code reads, in the environment-variable form that Azure app settings use
/// (<c>Section__Key</c>; <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> sees it as
/// <c>Section:Key</c>, see <see cref="ToConfigurationKey"/>). When code starts reading a new setting, add it
/// here: <c>infra/main.bicep</c> must then set it in Azure (unless it is in <see cref="NotSetInAzure"/>),
/// and tests/Governance.Core.Tests/Infra fails until it does.
/// </summary>
public static class AppSettingNames
{
    // Storage connection of the Functions host and of StorageClientFactory: identity-based in Azure.
    public const string StorageConnectionString = "AzureWebJobsStorage";
    public const string StorageCredential = "AzureWebJobsStorage__credential";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";
    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageBlobServiceUri = "AzureWebJobsStorage__blobServiceUri";
    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";
    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";
    public const string StorageProvisionOnStartup = "Storage__ProvisionOnStartup";

    /// <summary>Client id of the user-assigned identity that <c>DefaultAzureCredential</c> uses by default.</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    // Telemetry (read by the Functions host and the Application Insights SDK).
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ApplicationInsightsAuthenticationString = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public const string PolicyProfile = "Governance__PolicyProfile";

    /// <summary>The public address absolute links are built from (empty: the request's scheme and Host).</summary>
    public const string PublicBaseUrl = "Governance__PublicBaseUrl";

    // Staff bearer tokens.
    public const string AuthIssuer = "Auth__Issuer";
    public const string AuthAudience = "Auth__Audience";
    public const string AuthAuthority = "Auth__Authority";
    public const string AuthSigningKey = "Auth__SigningKey";

    /// <summary>Development or Production (set by Core Tools and by Azure); only development accepts the sample signing key.</summary>
    public const string FunctionsEnvironment = "AZURE_FUNCTIONS_ENVIRONMENT";

    // Outbound domain events.
    public const string EventsTransport = "Events__Transport";
    public const string EventsServiceBusNamespace = "Events__ServiceBus__FullyQualifiedNamespace";
    public const string EventsServiceBusTopicName = "Events__ServiceBus__TopicName";
    public const string EventsServiceBusClientId = "Events__ServiceBus__ClientId";
    public const string EventsServiceBusConnectionString = "Events__ServiceBus__ConnectionString";

    // Signed webhooks.
    public const string ClaimsWebhookSecrets = "Webhooks__Claims__Secrets";
    public const string PaymentsWebhookSecrets = "Webhooks__Payments__Secrets";

    // Claim status webhooks to the intake source: its callback URL (empty = off) and an optional own signing secret.
    public const string ClaimsStatusWebhookUrl = "Webhooks__ClaimsStatus__Url";
    public const string ClaimsStatusWebhookSecret = "Webhooks__ClaimsStatus__Secret";
    public const string AllowInsecureLocalCallbacks = "Webhooks__AllowInsecureLocalCallbacks";
    public const string WebhookMaxDeliveryAttempts = "Webhooks__MaxDeliveryAttempts";
    public const string WebhookDeliveryTimeoutSeconds = "Webhooks__DeliveryTimeoutSeconds";

    // Which peers may state the client address in X-Forwarded-For (ForwardedHeadersOptions-like); none = the peer is the client.
    public const string ClientAddressKnownProxies = "ClientAddress__KnownProxies";
    public const string ClientAddressKnownNetworks = "ClientAddress__KnownNetworks";
    public const string ClientAddressForwardLimit = "ClientAddress__ForwardLimit";

    // Developer sign-up limit per client address, and idempotency key lifetimes.
    public const string SignUpPermitLimit = "SignUp__RateLimit__PermitLimit";
    public const string SignUpWindowSeconds = "SignUp__RateLimit__WindowSeconds";
    public const string IdempotencyPendingLeaseSeconds = "Idempotency__PendingLeaseSeconds";
    public const string IdempotencyRetentionDays = "Idempotency__RetentionDays";
    public const string IdempotencyFailedRetryAfterSeconds = "Idempotency__FailedRetryAfterSeconds";

    // Claims: the server secrets (;-separated) that claim status tokens are derived from.
    public const string ClaimsStatusTokenSecrets = "Claims__StatusTokenSecrets";

    // Localization of HTML reports: the default language of readers without a preference, and the platform's time zone.
    public const string LocalizationDefaultLanguage = "Localization__DefaultLanguage";
    public const string LocalizationTimeZone = "Localization__TimeZone";

    // Audit log: chains per duty (changing it starts other chains; existing entries keep theirs).
    public const string AuditChainShards = "Audit__ChainShards";
    // Pricing: product shards per day (recorded with the first stored observations; must not change afterwards).
    public const string PricingShardCount = "Pricing__ShardCount";
    // Pricing: ';'-separated keys of machine clients that send observations (X-Api-Key); empty = operators only.
    public const string PricingIngestionKeys = "Pricing__IngestionKeys";

    // Onboarding: the limits an uploaded contract is parsed under (MaxFileBytes also caps the upload), and how many
    // stored contracts one run of the re-check timer checks again after the clause library changed.
    public const string OnboardingMaxFileBytes = "Onboarding__Extraction__MaxFileBytes";
    public const string OnboardingMaxDecompressedBytes = "Onboarding__Extraction__MaxDecompressedBytes";
    public const string OnboardingMaxZipEntries = "Onboarding__Extraction__MaxZipEntries";
    public const string OnboardingMaxPages = "Onboarding__Extraction__MaxPages";
    public const string OnboardingMaxCharacters = "Onboarding__Extraction__MaxCharacters";
    public const string OnboardingExtractionTimeout = "Onboarding__Extraction__Timeout";
    public const string OnboardingRecheckMaxPerRun = "Onboarding__RecheckMaxPerRun";

    // Timer schedules (6-field NCRONTAB with seconds), referenced as %Name% in timer triggers.
    public const string DisclosureActivationSchedule = "DisclosureActivationSchedule";
    public const string AuditAnchorSchedule = "AuditAnchorSchedule";
    public const string OutboxRelaySchedule = "OutboxRelaySchedule";
    public const string RecourseOverdueSchedule = "RecourseOverdueSchedule";
    public const string PricingScanSchedule = "PricingScanSchedule";
    public const string RetentionCleanupSchedule = "RetentionCleanupSchedule";
    public const string AuditCheckpointSchedule = "AuditCheckpointSchedule";
    public const string OnboardingRecheckSchedule = "OnboardingRecheckSchedule";
    public const string ExportExpirySchedule = "ExportExpirySchedule";
    public const string IncidentDeadlineSchedule = "IncidentDeadlineSchedule";

    /// <summary>Every setting the code reads. Queue-name settings come from <see cref="StorageCatalog.Queues"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        StorageConnectionString,
        StorageCredential,
        StorageClientId,
        StorageAccountName,
        StorageBlobServiceUri,
        StorageQueueServiceUri,
        StorageTableServiceUri,
        StorageProvisionOnStartup,
        AzureClientId,
        ApplicationInsightsConnectionString,
        ApplicationInsightsAuthenticationString,
        PolicyProfile,
        PublicBaseUrl,
        AuthIssuer,
        AuthAudience,
        AuthAuthority,
        AuthSigningKey,
        FunctionsEnvironment,
        EventsTransport,
        EventsServiceBusNamespace,
        EventsServiceBusTopicName,
        EventsServiceBusClientId,
        EventsServiceBusConnectionString,
        ClaimsWebhookSecrets,
        PaymentsWebhookSecrets,
        ClaimsStatusWebhookUrl,
        ClaimsStatusWebhookSecret,
        AllowInsecureLocalCallbacks,
        WebhookMaxDeliveryAttempts,
        WebhookDeliveryTimeoutSeconds,
        ClientAddressKnownProxies,
        ClientAddressKnownNetworks,
        ClientAddressForwardLimit,
        SignUpPermitLimit,
        SignUpWindowSeconds,
        IdempotencyPendingLeaseSeconds,
        IdempotencyRetentionDays,
        IdempotencyFailedRetryAfterSeconds,
        ClaimsStatusTokenSecrets,
        LocalizationDefaultLanguage,
        LocalizationTimeZone,
        PricingShardCount,
        PricingIngestionKeys,
        DisclosureActivationSchedule,
        AuditAnchorSchedule,
        OutboxRelaySchedule,
        RecourseOverdueSchedule,
        PricingScanSchedule,
        RetentionCleanupSchedule,
        AuditChainShards,
        AuditCheckpointSchedule,
        OnboardingMaxFileBytes,
        OnboardingMaxDecompressedBytes,
        OnboardingMaxZipEntries,
        OnboardingMaxPages,
        OnboardingMaxCharacters,
        OnboardingExtractionTimeout,
        OnboardingRecheckMaxPerRun,
        OnboardingRecheckSchedule,
        ExportExpirySchedule,
        IncidentDeadlineSchedule,
        .. StorageCatalog.Queues.Select(q => q.Setting),
    ];

    /// <summary>
    /// Settings in <see cref="All"/> that Azure must not have: key-based and development-only alternatives to
    /// the managed identity and Entra ID (a storage connection string, the account-name form of the identity
    /// connection, a local HS256 signing key, a Service Bus connection string).
    /// </summary>
    public static IReadOnlyList<string> NotSetInAzure { get; } =
    [
        StorageConnectionString,
        StorageAccountName,
        AuthSigningKey,
        EventsServiceBusConnectionString,
    ];

    /// <summary>The key under which <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> exposes a setting.</summary>
    public static string ToConfigurationKey(string settingName) => settingName.Replace("__", ":", StringComparison.Ordinal);
}
