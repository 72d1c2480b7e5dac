namespace Governance.Core.Developers;

/// <summary>Body of <c>POST /api/developers</c>.</summary>
public sealed record DeveloperSignUp(string? Organization, string? ContactEmail, string? CallbackUrl);

/// <summary>
/// Returned once, at sign-up or rotation: the key itself is never stored. <see cref="WebhookSecret"/> is the
/// <c>whsec_</c> secret our webhooks to the developer's callback URL are signed with (sign-up with a callback only).
/// </summary>
public sealed record DeveloperCredentials(string DeveloperId, string ApiKey, string? WebhookSecret = null);

public sealed record DeveloperProfile(
    string DeveloperId,
    string Organization,
    string ContactEmail,
    string? CallbackUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset KeyIssuedAt);
