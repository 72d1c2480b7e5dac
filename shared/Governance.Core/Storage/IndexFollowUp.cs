using Azure;
using Azure.Data.Tables;
using Governance.Core.Events;

namespace Governance.Core.Storage;

/// <summary>
/// An index row a change owes in another partition or table (e.g. the claim under its app, its status, its
/// user), written or removed by the relay after the commit. Index rows are derived data: a put replaces the
/// whole row and a delete of a missing row is done, so a re-run converges; the relay runs an aggregate's
/// follow-ups in commit order, so a later change's index update never lands before an earlier one's.
/// </summary>
public static class IndexFollowUp
{
    public const string Type = "index";

    public static FollowUp Put(IndexRow row) => FollowUp.Create(Type, $"put|{row.Table}|{row.PartitionKey}|{row.RowKey}|{row.Version}", row);

    public static FollowUp Delete(string table, string partitionKey, string rowKey, long version)
        => FollowUp.Create(Type, $"delete|{table}|{partitionKey}|{rowKey}|{version}", new IndexRow(table, partitionKey, rowKey, version, Delete: true));
}

/// <summary>
/// One index row. <paramref name="Version"/> is the aggregate's version that wrote it (it makes the follow-up
/// id unique per change). Values are kept typed: strings, whole numbers and times.
/// </summary>
public sealed record IndexRow(
    string Table,
    string PartitionKey,
    string RowKey,
    long Version,
    IReadOnlyDictionary<string, string>? Strings = null,
    IReadOnlyDictionary<string, long>? Numbers = null,
    IReadOnlyDictionary<string, DateTimeOffset>? Times = null,
    bool Delete = false)
{
    public TableEntity ToEntity()
    {
        var entity = new TableEntity(PartitionKey, RowKey) { ["Version"] = Version };
        foreach (var (name, value) in Strings ?? new Dictionary<string, string>())
        {
            entity[name] = value;
        }

        foreach (var (name, value) in Numbers ?? new Dictionary<string, long>())
        {
            entity[name] = value;
        }

        foreach (var (name, value) in Times ?? new Dictionary<string, DateTimeOffset>())
        {
            entity[name] = value;
        }

        return entity;
    }
}

public sealed class IndexFollowUpHandler(TableServiceClient tables) : IFollowUpHandler
{
    public string Type => IndexFollowUp.Type;

    public async Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var row = followUp.Read<IndexRow>();
        var table = tables.GetTableClient(row.Table);
        if (!row.Delete)
        {
            await table.UpsertEntityAsync(row.ToEntity(), TableUpdateMode.Replace, cancellationToken);
            return;
        }

        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: the delete is done.
        }
    }
}
