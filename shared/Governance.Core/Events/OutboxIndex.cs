using Azure;
using Azure.Data.Tables;

namespace Governance.Core.Events;

/// <summary>
/// A note in the Outbox table that a batch in (table, partition) may have recorded events up to
/// <see cref="LastSequence"/>. Written before the batch is submitted, so it exists whenever the events do;
/// deleted by the relay once those events are sent, or once the batch is known never to commit.
/// </summary>
internal sealed record OutboxIndexEntry(
    string Table,
    string PartitionKey,
    long FirstSequence,
    long LastSequence,
    DateTimeOffset EnlistedAt,
    string RowKey,
    ETag ETag)
{
    private const string TableProperty = "Table";
    private const string PartitionProperty = "AggregatePartition";
    private const string FirstProperty = "FirstSequence";
    private const string LastProperty = "LastSequence";
    private const string EnlistedAtProperty = "EnlistedAt";

    public static TableEntity CreateRow(OutboxEnlistment enlistment, DateTimeOffset now) =>
        new(OutboxKeys.IndexPartition, RowKeyOf(enlistment))
        {
            [TableProperty] = enlistment.Table,
            [PartitionProperty] = enlistment.PartitionKey,
            [FirstProperty] = enlistment.FirstSequence,
            [LastProperty] = enlistment.LastSequence,
            [EnlistedAtProperty] = now,
        };

    public static string RowKeyOf(OutboxEnlistment enlistment)
        => OutboxKeys.IndexRowKey(enlistment.Table, enlistment.PartitionKey, enlistment.LastSequence, enlistment.EnlistmentId);

    public static OutboxIndexEntry FromRow(TableEntity row) => new(
        row.GetString(TableProperty) ?? throw Corrupt(row, TableProperty),
        row.GetString(PartitionProperty) ?? throw Corrupt(row, PartitionProperty),
        row.GetInt64(FirstProperty) ?? throw Corrupt(row, FirstProperty),
        row.GetInt64(LastProperty) ?? throw Corrupt(row, LastProperty),
        row.GetDateTimeOffset(EnlistedAtProperty) ?? throw Corrupt(row, EnlistedAtProperty),
        row.RowKey,
        row.ETag);

    private static InvalidOperationException Corrupt(TableEntity row, string property)
        => new($"Outbox index row '{row.RowKey}' has no {property}.");
}
