using Azure;
using Azure.Data.Tables;
using Governance.Core.Retention;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Idempotency;

/// <summary>
/// Enforces <see cref="IdempotencyOptions.RetentionDays"/>: deletes the keys whose <c>ExpiresAt</c> (written on
/// the row when the key was claimed) has passed, with the body blobs of their responses. After that a retry with
/// such a key is a new request and runs the write again.
/// <para>
/// Kept: rows without <c>ExpiresAt</c>, rows not yet expired, and pending rows still within their lease (a write
/// may be running under them). Every key has its own partition, so each row is deleted on its own, conditioned
/// on the ETag it was read with: a row taken over or re-created meanwhile is left alone. The blob goes first,
/// then the row: a run that dies between the two leaves an expired row that the next run deletes, never a blob
/// that no row leads to. Blobs belong only to completed rows, which never change, so the blob deleted is always
/// the one of the row read. Two runs at once, or a retried run, only find less to do.
/// </para>
/// </summary>
public sealed class IdempotencyRetention(
    TableServiceClient tables,
    IIdempotencyBodyStore bodies,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<IdempotencyRetention> logger)
{
    private static readonly string[] Columns = ["PartitionKey", "RowKey", "State", "ExpiresAt", "LeaseExpiresAt", "BodyBlob"];

    private readonly TableClient _table = tables.GetTableClient(TableNames.Idempotency);

    public async Task<RetentionResult> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var batchSize = Math.Clamp(options.Value.BatchSize, 1, 1000);
        var maxRows = Math.Max(1, options.Value.MaxRowsPerRun);
        int examined = 0, deleted = 0, kept = 0, changed = 0;

        // Only the columns needed to decide: a completed row may carry close to 1 MiB of response body.
        var expired = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), batchSize, Columns, cancellationToken);
        await foreach (var page in expired.AsPages(pageSizeHint: batchSize).WithCancellation(cancellationToken))
        {
            foreach (var row in page.Values)
            {
                if (examined == maxRows)
                {
                    return Done(new RetentionResult(examined, deleted, kept, changed, Truncated: true));
                }

                examined++;
                if (!MayDelete(row, now))
                {
                    kept++;
                }
                else if (await TryDeleteAsync(row, cancellationToken))
                {
                    deleted++;
                }
                else
                {
                    changed++;
                }
            }
        }

        return Done(new RetentionResult(examined, deleted, kept, changed, Truncated: false));
    }

    /// <summary>Expired, and either completed or pending with a lease that has run out (a crashed holder: a retry would take it over anyway).</summary>
    internal static bool MayDelete(TableEntity row, DateTimeOffset now)
    {
        if (row.GetDateTimeOffset("ExpiresAt") is not { } expiresAt || expiresAt > now)
        {
            return false;
        }

        return row.GetString("State") switch
        {
            IdempotencyStore.Completed => true,
            IdempotencyStore.Pending => (row.GetDateTimeOffset("LeaseExpiresAt") ?? DateTimeOffset.MinValue) <= now,
            _ => false,
        };
    }

    private async Task<bool> TryDeleteAsync(TableEntity row, CancellationToken cancellationToken)
    {
        if (row.GetString("BodyBlob") is { Length: > 0 } blob)
        {
            await bodies.DeleteAsync(blob, cancellationToken);
        }

        try
        {
            // A row already gone (another run got there first) is not an error: the delete answers 404 without throwing.
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private RetentionResult Done(RetentionResult result)
    {
        if (result.Examined > 0)
        {
            logger.LogInformation(
                "Idempotency retention: {Deleted} expired keys deleted, {Kept} kept (in flight), {Changed} changed meanwhile, {Examined} examined{More}.",
                result.Deleted, result.Kept, result.Changed, result.Examined, result.Truncated ? "; the next run goes on" : string.Empty);
        }

        return result;
    }
}
