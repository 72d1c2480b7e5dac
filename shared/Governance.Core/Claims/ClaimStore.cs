using Azure;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;

namespace Governance.Core.Claims;

/// <summary>
/// Claim rows in the <c>Claims</c> table. Updates are ETag-conditioned: a lost race is a <see cref="ClaimChangedException"/>.
/// <para>A claim's partition also holds the outbox's rows for its events (row keys starting with
/// <see cref="OutboxKeys.Prefix"/>) and its recovery rows (<see cref="ClaimRecoveries.RowKeyPrefix"/>), and the
/// table holds settlement rows (partitions <c>settlement|…</c>):
/// every read here is a point read of RowKey <see cref="ClaimEntity.ClaimRowKey"/> or a query filtered on it.</para>
/// </summary>
public sealed class ClaimStore(TableServiceClient tables, IEventOutbox outbox)
{
    public const int MaxPageSize = 200;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Claims);

    public TableClient Table => _table;

    public async Task<ClaimEntity?> GetAsync(string claimId, CancellationToken cancellationToken = default)
    {
        if (!ClaimKeys.IsClaimId(claimId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<ClaimEntity>(claimId, ClaimEntity.ClaimRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Inserts a new claim; false when a claim with the same id (the same natural key) exists.</summary>
    public async Task<bool> TryInsertAsync(ClaimEntity claim, CancellationToken cancellationToken = default)
    {
        if (claim.EventsDue.Count > 0 || claim.RowsDue.Count > 0)
        {
            throw new InvalidOperationException($"A new claim emits no events and has no other rows; '{claim.ClaimId}' has {string.Join(", ", claim.EventsDue)} and {claim.RowsDue.Count} rows due.");
        }

        try
        {
            var response = await _table.AddEntityAsync(claim, cancellationToken);
            claim.ETag = NewETag(response, claim);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces the claim if nobody changed it since it was read and updates its ETag. The events its change
    /// caused (<see cref="ClaimEntity.EventsDue"/>) are recorded by the outbox, and the new rows it added to its
    /// partition (<see cref="ClaimEntity.RowsDue"/>, its recoveries) are inserted, in the same transaction, so
    /// they exist exactly when the new row does; after the commit none is due any more.
    /// </summary>
    public async Task UpdateAsync(ClaimEntity claim, CancellationToken cancellationToken = default)
    {
        var events = ClaimEvents.Due(claim);
        try
        {
            if (events.Count == 0 && claim.RowsDue.Count == 0)
            {
                var response = await _table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, cancellationToken);
                claim.ETag = NewETag(response, claim);
            }
            else
            {
                var batch = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, claim, claim.ETag) };
                batch.AddRange(claim.RowsDue.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
                var responses = events.Count == 0
                    ? (await _table.SubmitTransactionAsync(batch, cancellationToken)).Value
                    : await outbox.CommitAsync(TableNames.Claims, claim.PartitionKey, batch, events, cancellationToken);
                claim.ETag = NewETag(responses[0], claim);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            // 412: the claim (or, in a batch with events, the partition's outbox head) changed since it was read;
            // 409: another batch recorded the partition's first events, or a row being added, meanwhile; 404: the row is gone.
            throw new ClaimChangedException(claim.ClaimId, ex);
        }

        claim.ClearEventsDue();
        claim.ClearRowsDue();
    }

    /// <summary>
    /// The claim's recoveries in the order they were made: those an earlier version kept on the row, then its
    /// recovery rows (one partition query, only when it has any).
    /// </summary>
    public async Task<IReadOnlyList<ClaimRecovery>> RecoveriesAsync(ClaimEntity claim, CancellationToken cancellationToken = default)
    {
        var legacy = ClaimRecoveries.Legacy(claim);
        if (claim.RecoveryCount == 0)
        {
            return legacy;
        }

        var rows = new List<TableEntity>(claim.RecoveryCount);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {claim.ClaimId} and RowKey ge {ClaimRecoveries.RowKeyPrefix} and RowKey lt {ClaimRecoveries.RowKeyRangeEnd}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return [.. legacy, .. rows.OrderBy(r => r.GetInt32(ClaimRecoveries.SequenceProperty) ?? 0).Select(ClaimRecoveries.FromRow)];
    }

    /// <summary>The claim's recovery from settlement <paramref name="reference"/>, if it has one (one point read).</summary>
    public async Task<ClaimRecovery?> RecoveryAsync(ClaimEntity claim, string reference, CancellationToken cancellationToken = default)
    {
        if (ClaimRecoveries.Legacy(claim).FirstOrDefault(r => r.Reference == reference) is { } legacy)
        {
            return legacy;
        }

        if (claim.RecoveryCount == 0)
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(claim.ClaimId, ClaimRecoveries.RowKey(reference), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ClaimRecoveries.FromRow(row.Value) : null;
    }

    public async Task<(IReadOnlyList<ClaimEntity> Claims, string? ContinuationToken)> ListAsync(ClaimStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var filter = status is { } s ? ClaimRowsWhere($"Status eq {ClaimStateMachine.ToWire(s)}") : ClaimRowsWhere(null);
        return await PageTokens.QueryAsync<(IReadOnlyList<ClaimEntity>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in _table.QueryAsync<ClaimEntity>(filter, size, cancellationToken: cancellationToken).AsPages(token, size))
            {
                return (page.Values, PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });
    }

    public Task<List<ClaimEntity>> ForAppAsync(string appId, CancellationToken cancellationToken = default)
        => QueryAsync(ClaimRowsWhere($"AppId eq {appId}"), cancellationToken);

    public Task<List<ClaimEntity>> InStatusAsync(ClaimStatus status, CancellationToken cancellationToken = default)
        => QueryAsync(ClaimRowsWhere($"Status eq {ClaimStateMachine.ToWire(status)}"), cancellationToken);

    public Task<List<ClaimEntity>> WithPendingWorkAsync(CancellationToken cancellationToken = default)
        => QueryAsync(ClaimRowsWhere($"PendingWork eq {true}"), cancellationToken);

    /// <summary>Claims the user filed since <paramref name="since"/>, other than <paramref name="exceptClaimId"/>.</summary>
    public async Task<int> CountForUserSinceAsync(string userId, DateTimeOffset since, string exceptClaimId, CancellationToken cancellationToken = default)
    {
        var filter = ClaimRowsWhere($"UserId eq {userId} and ReceivedAt ge {since}");
        var count = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["ClaimId"], cancellationToken: cancellationToken))
        {
            if (row.PartitionKey != exceptClaimId)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// A filter that matches claim rows only (never the outbox rows in a claim's partition, nor settlement rows),
    /// and <paramref name="condition"/> on them. Every query of this table goes through it.
    /// </summary>
    public static string ClaimRowsWhere(FormattableString? condition)
    {
        var claimRows = TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey}");
        return condition is null ? claimRows : $"{claimRows} and ({TableClient.CreateQueryFilter(condition)})";
    }

    private async Task<List<ClaimEntity>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var result = new List<ClaimEntity>();
        await foreach (var claim in _table.QueryAsync<ClaimEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(claim);
        }

        return result;
    }

    /// <summary>Never fall back to an unconditional ETag: the next update of this instance must still detect a race.</summary>
    private static ETag NewETag(Response response, ClaimEntity claim)
        => response.Headers.ETag ?? throw new InvalidOperationException($"The write of claim '{claim.ClaimId}' returned no ETag.");
}

/// <summary>The claim changed between read and write: read it again and redo the step.</summary>
public sealed class ClaimChangedException(string claimId, Exception inner)
    : Exception($"Claim '{claimId}' changed while it was being updated.", inner);
