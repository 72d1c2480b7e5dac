// Governance on Azure: one resource group with a Flex Consumption function app (.NET 10 isolated worker),
// its user-assigned managed identity, storage, Service Bus, Key Vault and monitoring.
// Deployed at subscription scope so one command creates the resource group too (see infra/README.md).
targetScope = 'subscription'

metadata description = 'Governance: serverless data-governance duties on Azure Functions (Flex Consumption).'

import { blobContainer, resourceTags } from 'modules/types.bicep'

@description('Short environment name (for example prod or staging). Part of every resource name and tagged azd-env-name.')
@minLength(1)
@maxLength(20)
param environmentName string

@description('Azure region of every resource. It must offer the Flex Consumption plan.')
param location string = deployment().location

@description('Resource group to create or update.')
@minLength(1)
@maxLength(90)
param resourceGroupName string = 'rg-governance-${environmentName}'

@description('Extra tags for every resource.')
param tags resourceTags = {}

@description('Policy profile the app applies (Governance__PolicyProfile).')
param policyProfile ('cn-2021-draft' | 'cn-2025') = 'cn-2021-draft'

@description('Audience that staff bearer tokens must carry: the Application ID URI or client ID of the API\'s Microsoft Entra app registration (Auth__Audience).')
@minLength(1)
param authAudience string

@description('Issuer that staff bearer tokens must carry (Auth__Issuer). Defaults to this tenant\'s Microsoft Entra ID v2.0 issuer.')
param authIssuer string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('OpenID Connect authority whose published keys sign staff tokens (Auth__Authority). Defaults to this tenant\'s Microsoft Entra ID v2.0 endpoint.')
param authAuthority string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('Standard Webhooks secrets (whsec_<base64>) that sign claim webhooks, separated by ";" to rotate. Stored in Key Vault; the app reads them through a Key Vault reference.')
@secure()
@minLength(1)
param claimsWebhookSecrets string

@description('Standard Webhooks secrets (whsec_<base64>) that sign payout confirmations from the payments system, separated by ";" to rotate. Stored in Key Vault; the app reads them through a Key Vault reference.')
@secure()
@minLength(1)
param paymentsWebhookSecrets string

@description('Callback URL of the claims intake source for signed claim status webhooks (Webhooks__ClaimsStatus__Url). Empty (the default) turns them off.')
param claimsStatusWebhookUrl string = ''

@description('Own Standard Webhooks secret (whsec_<base64>) for claim status webhooks. Empty (the default): they are signed with the first claims webhook secret. Stored in Key Vault when given; the app reads it through a Key Vault reference.')
@secure()
param claimsStatusWebhookSecret string = ''

@description('Keys of machine clients that send pricing observations (X-Api-Key on POST /api/pricing/observations), 32 to 256 printable characters each, ";"-separated to rotate. Empty (the default): only operators send observations. Stored in Key Vault when given; the app reads them through a Key Vault reference.')
@secure()
param pricingIngestionKeys string = ''

@description('Server secrets (at least 32 characters each, ";"-separated, the first one issues) that claim status tokens are derived from. Stored in Key Vault; the app reads them through a Key Vault reference.')
@secure()
@minLength(32)
param claimsStatusTokenSecrets string

@description('Days every blob in disclosures, contracts and audit-anchors stays immutable after it is written: at least three years, and three calendar years can hold 1,096 days.')
@minValue(1096)
param recordsRetentionInDays int = 1096

@description('Replication of the storage account. Zone- or geo-redundant replication is recommended for production where the region offers it.')
param storageSkuName ('Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_GZRS') = 'Standard_LRS'

@description('Service Bus tier (topics need Standard or Premium).')
param serviceBusSkuName ('Standard' | 'Premium') = 'Standard'

@description('Upper bound on function app instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance, in MB.')
param instanceMemoryMB (512 | 2048 | 4096) = 2048

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('NCRONTAB (6 fields, with seconds, UTC) of the timer that makes scheduled disclosure versions effective.')
param disclosureActivationSchedule string = '0 * * * * *'

@description('NCRONTAB (6 fields, UTC) of the timer that writes the combined root of the audit chain heads to audit-anchors.')
param auditAnchorSchedule string = '0 5 0 * * *'

@description('NCRONTAB (6 fields, UTC) of the timer that verifies new audit entries and advances the per-chain checkpoints.')
param auditCheckpointSchedule string = '0 */5 * * * *'

@description('NCRONTAB (6 fields, UTC) of the timer that relays pending outbox events to Service Bus.')
param outboxRelaySchedule string = '0 * * * * *'

@description('NCRONTAB (6 fields, UTC) of the timer that marks overdue recourse and notifies developers.')
param recourseOverdueSchedule string = '0 0 3 * * *'

@description('NCRONTAB (6 fields, UTC) of the daily discriminatory-pricing scan.')
param pricingScanSchedule string = '0 0 2 * * *'

@description('NCRONTAB (6 fields, UTC) of the daily timer that flags export approvals expiring within the policy profile\'s window and expires those whose time is up.')
param exportExpirySchedule string = '0 0 1 * * *'

@description('NCRONTAB (6 fields, UTC) of the timer that raises incident deadline alerts (approaching, missed); deadlines run in hours, so it runs every minute.')
param incidentDeadlineSchedule string = '0 * * * * *'

@description('Language of public pages and feeds for readers whose Accept-Language names none the app speaks: zh-CN or en.')
@allowed([
  'zh-CN'
  'en'
])
param defaultLanguage string = 'zh-CN'

@description('IANA time zone in which public pages and reports show times.')
param platformTimeZone string = 'Asia/Shanghai'

@description('NCRONTAB (6 fields, UTC) of the hourly clean-up that deletes idempotency keys past their retention.')
param retentionCleanupSchedule string = '0 30 * * * *'

@description('NCRONTAB (6 fields, UTC) of the timer that re-checks onboarded apps after a clause-library change and flags apps whose re-assessment is due.')
param onboardingRecheckSchedule string = '0 15 * * * *'

@description('Public address clients reach the app at, before /api/ (Governance__PublicBaseUrl): absolute links (Atom feed, claim statusUrl) are built from it. Empty = https://<function app name>.azurewebsites.net; set it when a custom domain or a gateway fronts the app.')
param publicBaseUrl string = ''

@description('Networks (CIDR, ;-separated) of proxies allowed to state the client address in X-Forwarded-For (ClientAddress__KnownNetworks). See infra/README.md: the default trusts the platform\'s private, shared and link-local ranges for one hop, never a public address.')
param clientAddressKnownNetworks string = '10.0.0.0/8;172.16.0.0/12;192.168.0.0/16;100.64.0.0/10;169.254.0.0/16;fc00::/7;fe80::/10'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var allTags = union(tags, { 'azd-env-name': environmentName })

var names = {
  identity: 'id-governance-${resourceToken}'
  storage: 'stgov${resourceToken}'
  serviceBus: 'sb-governance-${resourceToken}'
  keyVault: 'kv-gov-${resourceToken}'
  logAnalytics: 'log-governance-${resourceToken}'
  applicationInsights: 'appi-governance-${resourceToken}'
  plan: 'plan-governance-${resourceToken}'
  functionApp: 'func-governance-${resourceToken}'
}

// The stores below mirror shared/Governance.Core/Storage/StorageCatalog.cs (the app does not create them in
// Azure); tests/Governance.Core.Tests/Infra fails when a store there is missing here.
var tableNames = [
  'Disclosures'
  'Developers'
  'Apps'
  'OnboardingRequests'
  'Claims'
  'ClaimIndex'
  'Ledger'
  'PricingScans'
  'PricingFindings'
  'AuditLog'
  'AuditChains'
  'Idempotency'
  'Outbox'
  'Platform'
  'RateLimits'
  'WebhookEndpoints'
  'Timeline'
  'DataCatalog'
  'Exports'
  'Incidents'
  'Filings'
]

var blobContainers blobContainer[] = [
  {
    name: 'disclosures'
    immutabilityPeriodInDays: recordsRetentionInDays
  }
  {
    name: 'contracts'
    immutabilityPeriodInDays: recordsRetentionInDays
  }
  {
    name: 'reports'
  }
  {
    name: 'pricing-observations'
  }
  {
    // Per-shard test results of a pricing scan, merged when the scan finalizes.
    name: 'pricing-scan-results'
  }
  {
    // Unpublished draft text: edited and deleted freely, so never under a retention policy.
    name: 'disclosure-drafts'
  }
  {
    // HTML and diffs derived from published disclosure text, by content hash; regenerated when missing.
    name: 'disclosure-renderings'
  }
  {
    // Idempotent replies too large for their table row; kept only as long as the idempotency retention.
    name: 'idempotency-responses'
  }
  {
    // The daily anchor appends the head hash to an append blob: appends stay possible, rewrites do not.
    name: 'audit-anchors'
    immutabilityPeriodInDays: recordsRetentionInDays
    allowProtectedAppendWrites: true
  }
]

var onboardingQueue = 'onboarding-checks'
var claimsQueue = 'claims'
var pricingScansQueue = 'pricing-scans'
var callbacksQueue = 'callbacks'
var eventsQueue = 'events'
var outboxRelayQueue = 'outbox-relay'
var auditVerificationQueue = 'audit-verification'

// Each queue trigger moves a message that keeps failing to '<queue>-poison'.
var queueNames = [
  onboardingQueue
  '${onboardingQueue}-poison'
  claimsQueue
  '${claimsQueue}-poison'
  pricingScansQueue
  '${pricingScansQueue}-poison'
  callbacksQueue
  '${callbacksQueue}-poison'
  eventsQueue
  '${eventsQueue}-poison'
  outboxRelayQueue
  '${outboxRelayQueue}-poison'
  auditVerificationQueue
  '${auditVerificationQueue}-poison'
]

var eventsTopicName = 'governance-events'
var claimsWebhookSecretsName = 'claims-webhook-secrets'
var paymentsWebhookSecretsName = 'payments-webhook-secrets'
var claimsStatusTokenSecretsName = 'claims-status-token-secrets'
var claimsStatusWebhookSecretName = 'claims-status-webhook-secret'
var pricingIngestionKeysName = 'pricing-ingestion-keys'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: resourceGroupName
  location: location
  tags: allTags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSkuName
    tableNames: tableNames
    blobContainers: blobContainers
    queueNames: queueNames
    deploymentContainerName: 'deployment-package'
    softDeleteRetentionInDays: 30
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: allTags
    skuName: serviceBusSkuName
    topicName: eventsTopicName
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    softDeleteRetentionInDays: 90
    secrets: union(
      {
        '${claimsWebhookSecretsName}': claimsWebhookSecrets
        '${paymentsWebhookSecretsName}': paymentsWebhookSecrets
        '${claimsStatusTokenSecretsName}': claimsStatusTokenSecrets
      },
      empty(claimsStatusWebhookSecret) ? {} : { '${claimsStatusWebhookSecretName}': claimsStatusWebhookSecret },
      empty(pricingIngestionKeys) ? {} : { '${pricingIngestionKeysName}': pricingIngestionKeys }
    )
  }
}

// Role assignments take names known before deployment (stable assignment ids); dependsOn orders them.
module roleAssignments 'modules/role-assignments.bicep' = {
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    serviceBusTopicName: eventsTopicName
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
  dependsOn: [
    identity
    storage
    serviceBus
    keyVault
    monitoring
  ]
}

// Every setting the app reads in Azure: shared/Governance.Core/Configuration/AppSettingNames.cs lists them and
// tests/Governance.Core.Tests/Infra fails when one is missing here.
var appSettings = {
  // Identity-based storage connection for the host (triggers) and the app's own clients (StorageClientFactory).
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  // DefaultAzureCredential picks the user-assigned identity for any other client.
  AZURE_CLIENT_ID: identity.outputs.clientId
  // Telemetry is accepted only with an Entra ID token of the identity (the component disables local auth).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
  OnboardingQueue: onboardingQueue
  ClaimsQueue: claimsQueue
  PricingScansQueue: pricingScansQueue
  CallbacksQueue: callbacksQueue
  EventsQueue: eventsQueue
  OutboxRelayQueue: outboxRelayQueue
  AuditVerificationQueue: auditVerificationQueue
  Governance__PolicyProfile: policyProfile
  // The app's default host name (no unique-hostname label scope is set on the site), unless a public address is given.
  Governance__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${names.functionApp}.azurewebsites.net' : publicBaseUrl
  Auth__Issuer: authIssuer
  Auth__Audience: authAudience
  Auth__Authority: authAuthority
  // What Azure sets anyway; stated so no development-only setting (the sample signing key) is ever accepted.
  AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
  Events__Transport: 'ServiceBus'
  Events__ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  Events__ServiceBus__TopicName: serviceBus.outputs.topicName
  Events__ServiceBus__ClientId: identity.outputs.clientId
  Webhooks__Claims__Secrets: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${claimsWebhookSecretsName})'
  Webhooks__Payments__Secrets: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${paymentsWebhookSecretsName})'
  Webhooks__ClaimsStatus__Url: claimsStatusWebhookUrl
  Webhooks__ClaimsStatus__Secret: empty(claimsStatusWebhookSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${claimsStatusWebhookSecretName})'
  Claims__StatusTokenSecrets: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${claimsStatusTokenSecretsName})'
  Webhooks__AllowInsecureLocalCallbacks: 'false'
  Webhooks__MaxDeliveryAttempts: '8'
  Webhooks__DeliveryTimeoutSeconds: '10'
  // The client address behind the Functions front end (see infra/README.md, "Client addresses").
  ClientAddress__KnownProxies: ''
  ClientAddress__KnownNetworks: clientAddressKnownNetworks
  ClientAddress__ForwardLimit: '1'
  SignUp__RateLimit__PermitLimit: '5'
  SignUp__RateLimit__WindowSeconds: '3600'
  Idempotency__PendingLeaseSeconds: '120'
  Idempotency__RetentionDays: '7'
  Idempotency__FailedRetryAfterSeconds: '2'
  Storage__ProvisionOnStartup: 'false'
  DisclosureActivationSchedule: disclosureActivationSchedule
  AuditAnchorSchedule: auditAnchorSchedule
  AuditCheckpointSchedule: auditCheckpointSchedule
  // Audit chains per duty (1-256): changing it starts other chains; entries already written keep theirs.
  Audit__ChainShards: '8'
  OutboxRelaySchedule: outboxRelaySchedule
  RecourseOverdueSchedule: recourseOverdueSchedule
  PricingScanSchedule: pricingScanSchedule
  // Recorded with the first stored observations; changing it later stops ingestion and scans.
  Pricing__ShardCount: '16'
  Pricing__IngestionKeys: empty(pricingIngestionKeys) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${pricingIngestionKeysName})'
  RetentionCleanupSchedule: retentionCleanupSchedule
  ExportExpirySchedule: exportExpirySchedule
  IncidentDeadlineSchedule: incidentDeadlineSchedule
  Localization__DefaultLanguage: defaultLanguage
  Localization__TimeZone: platformTimeZone
  // Onboarding: limits an uploaded contract is parsed under (MaxFileBytes also caps the upload, at most 10 MB).
  Onboarding__Extraction__MaxFileBytes: '10485760'
  Onboarding__Extraction__MaxDecompressedBytes: '67108864'
  Onboarding__Extraction__MaxZipEntries: '2000'
  Onboarding__Extraction__MaxPages: '500'
  Onboarding__Extraction__MaxCharacters: '2000000'
  Onboarding__Extraction__Timeout: '00:00:30'
  Onboarding__RecheckMaxPerRun: '100'
  OnboardingRecheckSchedule: onboardingRecheckSchedule
}

module functionApp 'modules/function-app.bicep' = {
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityResourceId: identity.outputs.resourceId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: appSettings
  }
  // The app resolves its Key Vault reference and storage connection with these roles at first start.
  dependsOn: [
    roleAssignments
  ]
}

@description('Resource group that holds everything.')
output resourceGroupName string = rg.name

@description('Name of the function app (publish target).')
output functionAppName string = functionApp.outputs.name

@description('Base URL of the API.')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}/api'

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Key Vault that holds the webhook secrets.')
output keyVaultName string = keyVault.outputs.name

@description('Fully qualified Service Bus namespace of the events topic.')
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
