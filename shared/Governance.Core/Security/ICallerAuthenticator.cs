namespace Governance.Core.Security;

/// <summary>
/// Establishes who is calling from raw header values, so it works the same on every host and in unit tests.
/// Missing or invalid credentials are 401 problems (with a challenge); a valid caller without the role, 403.
/// </summary>
public interface ICallerAuthenticator
{
    /// <summary>A staff member holding at least one of <paramref name="anyOfRoles"/> (any staff member when none are given).</summary>
    Task<Caller> RequireStaffAsync(string? authorizationHeader, IReadOnlyCollection<string> anyOfRoles, CancellationToken cancellationToken = default);

    /// <summary>A developer identified by its <c>X-Api-Key</c>.</summary>
    Task<Caller> RequireDeveloperAsync(string? apiKeyHeader, CancellationToken cancellationToken = default);

    /// <summary>
    /// For endpoints open to staff (with a role) or developers: whichever credential is present is checked;
    /// neither present is a 401.
    /// </summary>
    Task<Caller> RequireStaffOrDeveloperAsync(string? authorizationHeader, string? apiKeyHeader, IReadOnlyCollection<string> anyOfStaffRoles, CancellationToken cancellationToken = default);
}

public static class CallerAuthenticatorExtensions
{
    public static Task<Caller> RequireStaffAsync(this ICallerAuthenticator authenticator, string? authorizationHeader, params string[] anyOfRoles)
        => authenticator.RequireStaffAsync(authorizationHeader, anyOfRoles, CancellationToken.None);
}
