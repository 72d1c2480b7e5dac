using System.Globalization;

namespace Governance.Core.Events;

/// <summary>
/// Where the outbox keeps its rows. In an aggregate's own table partition, every row key starting with
/// <see cref="Prefix"/> belongs to the outbox: duty services must not use such keys, and skip them when
/// they list a partition (<see cref="IsOutboxRow"/>). In the <c>Outbox</c> table, partition
/// <see cref="IndexPartition"/> lists the aggregate partitions that may hold unsent events, and partition
/// <see cref="LeasePartition"/> holds the relay's per-partition leases.
/// </summary>
public static class OutboxKeys
{
    public const string Prefix = "outbox|";

    /// <summary>The partition's sequence counter; every batch that records events moves it with its ETag.</summary>
    public const string HeadRowKey = Prefix + "head";

    /// <summary>The partition's sent watermark, moved by the relay (<see cref="OutboxWatermark"/>).</summary>
    public const string SentRowKey = Prefix + "sent";

    public const string EventPrefix = Prefix + "e|";

    /// <summary>'}' sorts right after '|', so [EventPrefix, EventRangeEnd) is exactly the event rows.</summary>
    public const string EventRangeEnd = Prefix + "e}";

    public const string IndexPartition = "pending";

    public const string LeasePartition = "lease";

    /// <summary>Keys of the Outbox table are built from the aggregate's; this keeps them under the 1 KiB key limit.</summary>
    public const int MaxAggregatePartitionKeyLength = 900;

    public static bool IsOutboxRow(string rowKey) => rowKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Zero-padded so that row-key order is sequence order (and the CloudEvents <c>sequence</c> sorts lexically).</summary>
    public static string FormatSequence(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static string EventRowKey(long sequence) => EventPrefix + FormatSequence(sequence);

    public static string IndexRowPrefix(string table, string partitionKey) => $"{table}|{partitionKey}|";

    /// <summary>One index row per enlistment: the enlistment id keeps two writers racing for the same sequence apart.</summary>
    public static string IndexRowKey(string table, string partitionKey, long lastSequence, string enlistmentId)
        => IndexRowPrefix(table, partitionKey) + FormatSequence(lastSequence) + "|" + enlistmentId;

    public static string LeaseRowKey(string table, string partitionKey) => $"{table}|{partitionKey}";

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
