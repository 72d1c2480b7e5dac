// Types shared by main.bicep and the modules.

@export()
@description('Tags applied to every resource.')
type resourceTags = {
  @description('Tag value by tag name.')
  *: string
}

@export()
@description('A blob container and its retention.')
type blobContainer = {
  @description('Container name (lowercase letters, digits and hyphens).')
  name: string

  @description('Days every blob stays immutable (WORM) after it is written. Omit for an ordinary container.')
  immutabilityPeriodInDays: int?

  @description('Allow new blocks to be appended to append blobs while the policy protects what is already written.')
  allowProtectedAppendWrites: bool?
}
