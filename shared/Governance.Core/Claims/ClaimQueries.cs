using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>Reads claims: by id for staff, by status for reviewers, by status token for the user.</summary>
public sealed class ClaimQueries(ClaimStore store, IPolicyProfileProvider profiles)
{
    public const int DefaultPageSize = 50;

    public async Task<ClaimView> GetAsync(string claimId, CancellationToken cancellationToken = default)
        => await ClaimView.ReadAsync(store, await store.GetAsync(claimId, cancellationToken) ?? throw NotFound(claimId), profiles.Current, cancellationToken);

    public async Task<ClaimPage> ListAsync(string? status, string? continuationToken, int? pageSize, CancellationToken cancellationToken = default)
    {
        ClaimStatus? filter = null;
        if (status is not null)
        {
            if (!ClaimStateMachine.TryParse(status, out var parsed))
            {
                throw GovernanceProblem.Validation(new ValidationErrors()
                    .Add("status", $"must be one of {string.Join(", ", Enum.GetValues<ClaimStatus>().Select(ClaimStateMachine.ToWire))}.").ToDictionary());
            }

            filter = parsed;
        }

        var (claims, next) = await store.ListAsync(filter, continuationToken, pageSize ?? DefaultPageSize, cancellationToken);
        // Only claims with recovery rows cost a query; they are read side by side.
        var views = await Task.WhenAll(claims.Select(c => ClaimView.ReadAsync(store, c, profiles.Current, cancellationToken)));
        return new ClaimPage(views, next);
    }

    /// <summary>The user's view; a wrong or missing token is the same 404 as an unknown claim.</summary>
    public async Task<ClaimStatusView> GetStatusAsync(string claimId, string? token, CancellationToken cancellationToken = default)
    {
        var claim = await store.GetAsync(claimId, cancellationToken);
        return claim is not null && ClaimKeys.TokenMatches(token, claim.StatusTokenHash)
            ? ClaimStatusView.From(claim, profiles.Current)
            : throw NotFound(claimId);
    }

    public static GovernanceProblem NotFound(string claimId) => GovernanceProblem.NotFound($"No claim '{claimId}' (or the token does not match).");
}
