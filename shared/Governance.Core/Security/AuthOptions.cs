namespace Governance.Core.Security;

/// <summary>Staff token settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Minimum HS256 key length: the key must be at least as long as the hash output.</summary>
    public const int MinimumSigningKeyBytes = 32;

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>The key published in local.settings.sample.json: anyone can sign tokens with it, so only development accepts it.</summary>
    public const string SampleSigningKey = "k7qzTc8ThJdedHrrSQ3dfY4eYTSFnOLltEdsYgVQWY0=";

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>OpenID Connect authority (Entra ID in Azure); its metadata supplies the RS256 signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Base64 HS256 key for local development; used only when no <see cref="Authority"/> is set.</summary>
    public string? SigningKey { get; set; }

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The decoded signing key, or null when it is absent or not valid base64.</summary>
    public byte[]? SigningKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            return null;
        }

        var buffer = new byte[SigningKey.Length];
        return Convert.TryFromBase64String(SigningKey.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
