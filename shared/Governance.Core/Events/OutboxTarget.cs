using Governance.Core.Storage;

namespace Governance.Core.Events;

/// <summary>Which table partitions may hold outbox rows: any aggregate table of the catalog but the Outbox table itself.</summary>
internal static class OutboxTarget
{
    public static void Validate(string table, string partitionKey)
    {
        if (!StorageCatalog.Tables.Contains(table, StringComparer.Ordinal) || table == TableNames.Outbox)
        {
            throw new ArgumentException($"'{table}' is not an aggregate table of the storage catalog.", nameof(table));
        }

        if (string.IsNullOrEmpty(partitionKey) || partitionKey.Length > OutboxKeys.MaxAggregatePartitionKeyLength)
        {
            throw new ArgumentException($"The partition key must have 1 to {OutboxKeys.MaxAggregatePartitionKeyLength} characters.", nameof(partitionKey));
        }

        if (partitionKey.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("The partition key contains a character table keys forbid (/ \\ # ? or a control character).", nameof(partitionKey));
        }
    }
}
