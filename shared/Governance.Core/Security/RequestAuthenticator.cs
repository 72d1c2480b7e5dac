using Governance.Core.Developers;
using Governance.Core.Problems;

namespace Governance.Core.Security;

public sealed class RequestAuthenticator(StaffTokenValidator tokens, IDeveloperKeyLookup developers) : ICallerAuthenticator
{
    private const string BearerPrefix = "Bearer ";

    public async Task<Caller> RequireStaffAsync(string? authorizationHeader, IReadOnlyCollection<string> anyOfRoles, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            throw GovernanceProblem.Unauthorized("This endpoint needs a staff bearer token in the Authorization header.", "Bearer");
        }

        if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || authorizationHeader.Length == BearerPrefix.Length
            || string.IsNullOrWhiteSpace(authorizationHeader[BearerPrefix.Length..]))
        {
            throw GovernanceProblem.Unauthorized(
                "The Authorization header must be 'Bearer <token>'.",
                "Bearer error=\"invalid_request\", error_description=\"expected a bearer token\"");
        }

        var caller = await tokens.ValidateAsync(authorizationHeader[BearerPrefix.Length..].Trim(), cancellationToken);
        if (anyOfRoles.Count > 0 && !caller.HasAnyRole(anyOfRoles))
        {
            throw GovernanceProblem.Forbidden($"This action needs one of the roles: {string.Join(", ", anyOfRoles)}.");
        }

        return caller;
    }

    public async Task<Caller> RequireDeveloperAsync(string? apiKeyHeader, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(apiKeyHeader))
        {
            throw GovernanceProblem.Unauthorized($"This endpoint needs a developer API key in the {ApiKeyHeader.Name} header.", ApiKeyHeader.Challenge);
        }

        var developerId = await developers.FindDeveloperIdAsync(apiKeyHeader.Trim(), cancellationToken)
            ?? throw GovernanceProblem.Unauthorized("The API key is not valid (unknown, malformed or rotated).", ApiKeyHeader.Challenge);
        return Caller.Developer(developerId);
    }

    public Task<Caller> RequireStaffOrDeveloperAsync(string? authorizationHeader, string? apiKeyHeader, IReadOnlyCollection<string> anyOfStaffRoles, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return RequireStaffAsync(authorizationHeader, anyOfStaffRoles, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(apiKeyHeader))
        {
            return RequireDeveloperAsync(apiKeyHeader, cancellationToken);
        }

        return Task.FromException<Caller>(GovernanceProblem.Unauthorized(
            $"This endpoint needs a staff bearer token or a developer API key ({ApiKeyHeader.Name}).",
            "Bearer, " + ApiKeyHeader.Challenge));
    }
}
