using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Claims;

/// <summary>Claim rows in the <c>Claims</c> table. Updates are ETag-conditioned: a lost race is a <see cref="ClaimChangedException"/>.</summary>
public sealed class ClaimStore(TableServiceClient tables)
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
        try
        {
            var response = await _table.AddEntityAsync(claim, cancellationToken);
            claim.ETag = response.Headers.ETag ?? ETag.All;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the claim if nobody changed it since it was read; updates its ETag.</summary>
    public async Task UpdateAsync(ClaimEntity claim, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            claim.ETag = response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new ClaimChangedException(claim.ClaimId, ex);
        }
    }

    /// <summary>Sets only the given properties (flags that only ever go one way), whatever else changed meanwhile.</summary>
    public async Task MergeAsync(string claimId, IDictionary<string, object> properties, CancellationToken cancellationToken = default)
    {
        var patch = new TableEntity(claimId, ClaimEntity.ClaimRowKey);
        foreach (var property in properties)
        {
            patch[property.Key] = property.Value;
        }

        await _table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<(IReadOnlyList<ClaimEntity> Claims, string? ContinuationToken)> ListAsync(ClaimStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey} and Status eq {ClaimStateMachine.ToWire(s)}")
            : TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey}");
        await foreach (var page in _table.QueryAsync<ClaimEntity>(filter, size, cancellationToken: cancellationToken).AsPages(continuationToken, size))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    public Task<List<ClaimEntity>> ForAppAsync(string appId, CancellationToken cancellationToken = default)
        => QueryAsync(TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey} and AppId eq {appId}"), cancellationToken);

    public Task<List<ClaimEntity>> InStatusAsync(ClaimStatus status, CancellationToken cancellationToken = default)
        => QueryAsync(TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey} and Status eq {ClaimStateMachine.ToWire(status)}"), cancellationToken);

    public Task<List<ClaimEntity>> WithPendingWorkAsync(CancellationToken cancellationToken = default)
        => QueryAsync(TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey} and PendingWork eq {true}"), cancellationToken);

    /// <summary>Claims the user filed since <paramref name="since"/>, other than <paramref name="exceptClaimId"/>.</summary>
    public async Task<int> CountForUserSinceAsync(string userId, DateTimeOffset since, string exceptClaimId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ClaimEntity.ClaimRowKey} and UserId eq {userId} and ReceivedAt ge {since}");
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

    private async Task<List<ClaimEntity>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var result = new List<ClaimEntity>();
        await foreach (var claim in _table.QueryAsync<ClaimEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(claim);
        }

        return result;
    }
}

/// <summary>The claim changed between read and write: read it again and redo the step.</summary>
public sealed class ClaimChangedException(string claimId, Exception inner)
    : Exception($"Claim '{claimId}' changed while it was being updated.", inner);
