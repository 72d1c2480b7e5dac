using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>Reads claims: by id for staff, by status for reviewers (from the index), by status token for the user.</summary>
public sealed class ClaimQueries(AggregateStore<Claim> store, ClaimIndexReader index, TableServiceClient tables, IPolicyProfileProvider profiles)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private readonly TableClient _claims = tables.GetTableClient(TableNames.Claims);

    /// <summary>The claim; null for an unknown id or one that is not a claim id (a safe key is never built from it).</summary>
    public async Task<Claim?> FindAsync(string claimId, CancellationToken cancellationToken = default)
        => ClaimKeys.IsClaimId(claimId) && await store.FindAsync(claimId, cancellationToken) is { } stored ? stored.State : null;

    public async Task<ClaimView> GetAsync(string claimId, CancellationToken cancellationToken = default)
        => await ViewAsync(await FindAsync(claimId, cancellationToken) ?? throw NotFound(claimId), cancellationToken);

    /// <summary>
    /// One page of claims: in a status, from its index partition (oldest first; a claim that has moved on since its
    /// row was read is left out), or all of them, a page of the claims' partitions.
    /// </summary>
    public async Task<ClaimPage> ListAsync(string? status, string? continuationToken, int? pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        if (status is null)
        {
            var (all, after) = await AllPageAsync(continuationToken, size, cancellationToken);
            return new ClaimPage(await Task.WhenAll(all.Select(c => ViewAsync(c, cancellationToken))), after);
        }

        if (!ClaimStateMachine.TryParse(status, out var parsed))
        {
            throw GovernanceProblem.Validation(new ValidationErrors()
                .Add("status", $"must be one of {string.Join(", ", Enum.GetValues<ClaimStatus>().Select(ClaimStateMachine.ToWire))}.").ToDictionary());
        }

        var (ids, next) = await index.InStatusPageAsync(parsed, continuationToken, size, cancellationToken);
        var claims = await Task.WhenAll(ids.Select(id => FindAsync(id, cancellationToken)));
        var views = await Task.WhenAll(claims.Where(c => c?.Status == parsed).Select(c => ViewAsync(c!, cancellationToken)));
        return new ClaimPage(views, next);
    }

    /// <summary>The user's view; a wrong or missing token is the same 404 as an unknown claim.</summary>
    public async Task<ClaimStatusView> GetStatusAsync(string claimId, string? token, CancellationToken cancellationToken = default)
    {
        var claim = await FindAsync(claimId, cancellationToken);
        return claim is not null && ClaimKeys.TokenMatches(token, claim.StatusTokenHash)
            ? ClaimStatusView.From(claim, profiles.Current)
            : throw NotFound(claimId);
    }

    /// <summary>The claim with its recoveries, oldest first (one partition query, only when it has any).</summary>
    public async Task<ClaimView> ViewAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        var recoveries = new List<ClaimRecoveryRow>(claim.RecoveryCount);
        if (claim.RecoveryCount > 0)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {claim.ClaimId} and RowKey ge {ClaimMap.RecoveryPrefix} and RowKey lt {ClaimMap.RecoveryRangeEnd}");
            await foreach (var row in _claims.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                recoveries.Add(ClaimMap.RecoveryFromRow(row));
            }
        }

        return ClaimView.From(claim, profiles.Current, recoveries.OrderBy(r => r.Sequence).Select(r => r.Recovery).ToList());
    }

    /// <summary>The claim's recovery from settlement <paramref name="reference"/>, if it has one (one point read).</summary>
    public async Task<ClaimRecovery?> FindRecoveryAsync(string claimId, string reference, CancellationToken cancellationToken = default)
    {
        var row = await _claims.GetEntityIfExistsAsync<TableEntity>(claimId, ClaimMap.RecoveryRowKey(reference), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ClaimMap.RecoveryFromRow(row.Value).Recovery : null;
    }

    public static GovernanceProblem NotFound(string claimId) => GovernanceProblem.NotFound($"No claim '{claimId}' (or the token does not match).");

    /// <summary>A page of claim rows: partitions named like claim ids (never settlements), row <c>claim</c> (never recovery or outbox rows).</summary>
    private Task<(IReadOnlyList<Claim>, string?)> AllPageAsync(string? continuationToken, int size, CancellationToken cancellationToken)
        => PageTokens.QueryAsync<(IReadOnlyList<Claim>, string?)>(continuationToken, async token =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {ClaimKeys.IdPrefix} and PartitionKey lt {ClaimKeys.IdRangeEnd} and RowKey eq {ClaimMap.ClaimRowKey}");
            await foreach (var page in _claims.QueryAsync<TableEntity>(filter, size, cancellationToken: cancellationToken).AsPages(token, size))
            {
                return (page.Values.Select(store.Map.FromRow).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });
}
