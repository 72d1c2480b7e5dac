// Key Vault in Azure RBAC mode (no access policies) holding the webhook secrets and keys. The app reads
// them through Key Vault references in its settings, with its user-assigned identity.
import { resourceTags } from 'types.bicep'

@description('Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags resourceTags

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Secret values by secret name (names: letters, digits and hyphens).')
@secure()
param secrets { *: string }

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = [
  for secret in items(secrets): {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI; a secret\'s versionless URI is this followed by secrets/<name>.')
output vaultUri string = vault.properties.vaultUri
