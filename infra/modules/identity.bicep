// The app's user-assigned managed identity. Every data-plane permission the app has is granted to it.
import { resourceTags } from 'types.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags resourceTags

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output resourceId string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) ID: what the app passes to DefaultAzureCredential.')
output clientId string = identity.properties.clientId

@description('Object (principal) ID: what role assignments grant to.')
output principalId string = identity.properties.principalId
