namespace Governance.Core.Developers;

/// <summary>Body of <c>POST /api/developers</c>.</summary>
public sealed record DeveloperSignUp(string? Organization, string? ContactEmail, string? CallbackUrl);

/// <summary>Returned once, at sign-up or rotation: the key itself is never stored.</summary>
public sealed record DeveloperCredentials(string DeveloperId, string ApiKey);

public sealed record DeveloperProfile(
    string DeveloperId,
    string Organization,
    string ContactEmail,
    string? CallbackUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset KeyIssuedAt);
