using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Webhooks;

/// <summary>
/// Endpoints in the <c>WebhookEndpoints</c> table (PartitionKey = owner, RowKey = endpoint id, both through <see cref="TableKey.FromInput"/>).
/// The signing secret is stored as is, since signing needs it; keep the table's access as narrow as the secret's.
/// </summary>
public sealed class TableWebhookEndpointStore(TableServiceClient tables, TimeProvider time) : IWebhookEndpointStore
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.WebhookEndpoints);

    public async Task<WebhookEndpoint?> GetAsync(string ownerId, string endpointId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.FromInput(ownerId), TableKey.FromInput(endpointId), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var r = row.Value;
        return new WebhookEndpoint(
            ownerId,
            endpointId,
            r.GetString("Url") ?? string.Empty,
            r.GetString("Secret") ?? string.Empty,
            r.GetBoolean("Disabled") ?? false,
            r.GetString("DisabledReason"),
            r.GetDateTimeOffset("DisabledAt"));
    }

    public async Task<WebhookEndpoint> PutAsync(string ownerId, string endpointId, string url, string? secret = null, CancellationToken cancellationToken = default)
    {
        var existing = await GetAsync(ownerId, endpointId, cancellationToken);
        var endpoint = new WebhookEndpoint(ownerId, endpointId, url, secret ?? existing?.Secret ?? WebhookSecret.Generate(), Disabled: false);
        await _table.UpsertEntityAsync(
            new TableEntity(TableKey.FromInput(ownerId), TableKey.FromInput(endpointId))
            {
                ["Url"] = endpoint.Url,
                ["Secret"] = endpoint.Secret,
                ["Disabled"] = false,
                ["UpdatedAt"] = time.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken);
        return endpoint;
    }

    public async Task DisableAsync(string ownerId, string endpointId, string reason, CancellationToken cancellationToken = default)
        => await _table.UpsertEntityAsync(
            new TableEntity(TableKey.FromInput(ownerId), TableKey.FromInput(endpointId))
            {
                ["Disabled"] = true,
                ["DisabledReason"] = reason,
                ["DisabledAt"] = time.GetUtcNow(),
            },
            TableUpdateMode.Merge,
            cancellationToken);
}
