// Service Bus namespace for outbound domain events. Local (SAS key) authentication is disabled:
// senders authenticate with Microsoft Entra ID only.
import { resourceTags } from 'types.bicep'

@description('Name of the Service Bus namespace.')
@minLength(6)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags resourceTags

@description('Namespace tier. Topics need Standard or Premium.')
param skuName ('Standard' | 'Premium')

@description('Name of the topic that carries the domain events (CloudEvents JSON).')
param topicName string

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

// Message id = event id, so duplicate detection drops a republished event (the outbox relay is at least once).
resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
    supportOrdering: true
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
    enableBatchedOperations: true
  }
}

@description('Name of the namespace.')
output name string = namespace.name

@description('Fully qualified namespace host name, for Events__ServiceBus__FullyQualifiedNamespace.')
output fullyQualifiedNamespace string = parseUri(namespace.properties.serviceBusEndpoint).host

@description('Name of the events topic.')
output topicName string = topic.name
