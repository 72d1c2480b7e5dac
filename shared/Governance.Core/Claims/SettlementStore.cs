using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Storage;

namespace Governance.Core.Claims;

/// <summary>One claim's share of a settlement, fixed when the settlement is recorded.</summary>
public sealed record SettlementPlanItem(string ClaimId, long Amount);

/// <summary>A settlement as recorded: the request, the allocation plan made for it and, once completed, its result.</summary>
public sealed record SettlementRecord(string AppId, string Reference, MoneyAmount Amount, IReadOnlyList<SettlementPlanItem> Plan, SettlementResult? Result, ETag ETag);

/// <summary>
/// Settlement rows in the <c>Claims</c> table: PartitionKey <c>settlement|{appId}</c>, RowKey
/// <c>settlement|{escaped reference}</c>. The row key prefix keeps them out of every claim query (claims are
/// RowKey <c>claim</c>, whatever reference an operator chooses). The allocation plan is written with the row,
/// before any money moves, so a resumed settlement allocates exactly what the first attempt planned. Plan and
/// result are JSON split over several string properties (each holds at most 32K characters).
/// </summary>
public sealed class SettlementStore(ClaimStore claims)
{
    public const string PartitionPrefix = "settlement|";
    public const string RowKeyPrefix = "settlement|";

    /// <summary>Plan and result of this many claims fit in one row (1 MiB) with room to spare.</summary>
    public const int MaxClaims = 1000;

    private const int ChunkLength = 30_000;
    private const string Pending = "pending";
    private const string Completed = "completed";

    public static string PartitionKey(string appId) => PartitionPrefix + appId;

    public static string RowKey(string reference) => RowKeyPrefix + TableKey.FromInput(reference);

    public async Task<SettlementRecord?> GetAsync(string appId, string reference, CancellationToken cancellationToken = default)
    {
        var row = await claims.Table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(appId), RowKey(reference), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToRecord(appId, row.Value) : null;
    }

    /// <summary>Records a new settlement with its plan; null when one with that reference exists already (read it).</summary>
    public async Task<SettlementRecord?> TryCreateAsync(string appId, string reference, MoneyAmount amount, IReadOnlyList<SettlementPlanItem> plan, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(PartitionKey(appId), RowKey(reference))
        {
            ["Reference"] = reference,
            ["Amount"] = amount.Amount,
            ["Currency"] = amount.Currency,
            ["State"] = Pending,
            ["CreatedAt"] = now,
        };
        WriteChunks(row, "Plan", JsonSerializer.Serialize(plan, GovernanceJson.Options));
        try
        {
            var response = await claims.Table.AddEntityAsync(row, cancellationToken);
            return new SettlementRecord(appId, reference, amount, plan, null, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task CompleteAsync(SettlementRecord settlement, SettlementResult result, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(PartitionKey(settlement.AppId), RowKey(settlement.Reference)) { ["State"] = Completed };
        WriteChunks(row, "Result", JsonSerializer.Serialize(result, GovernanceJson.Options));
        await claims.Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static SettlementRecord ToRecord(string appId, TableEntity row)
    {
        var plan = JsonSerializer.Deserialize<List<SettlementPlanItem>>(ReadChunks(row, "Plan") ?? "[]", GovernanceJson.Options) ?? [];
        var result = row.GetString("State") == Completed && ReadChunks(row, "Result") is { } json
            ? JsonSerializer.Deserialize<SettlementResult>(json, GovernanceJson.Options)
            : null;
        return new SettlementRecord(appId, row.GetString("Reference") ?? string.Empty,
            new MoneyAmount(row.GetInt64("Amount") ?? 0, row.GetString("Currency") ?? string.Empty), plan, result, row.ETag);
    }

    private static void WriteChunks(TableEntity row, string name, string text)
    {
        var chunks = (text.Length + ChunkLength - 1) / ChunkLength;
        row[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            row[$"{name}{i}"] = text.Substring(i * ChunkLength, Math.Min(ChunkLength, text.Length - (i * ChunkLength)));
        }
    }

    private static string? ReadChunks(TableEntity row, string name)
    {
        if (row.GetInt32(name + "Chunks") is not { } chunks)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            text.Append(row.GetString($"{name}{i}"));
        }

        return text.ToString();
    }
}
