using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Claims;

/// <summary>
/// Status tokens are derived from the claim id with a server secret (<c>Claims__StatusTokenSecrets</c>,
/// <c>;</c>-separated, the first one issues): only the token's hash is stored, yet a retried webhook whose first
/// response was lost gets the very same token again. Any listed secret can rebuild a token, so a new secret can be
/// put first while the old one stays listed for claims already issued.
/// </summary>
public sealed class ClaimStatusTokens(IConfiguration configuration)
{
    public const string SecretsSetting = "Claims:StatusTokenSecrets";
    public const int MinSecretLength = 32;

    public string Issue(string claimId) => Derive(claimId, Secrets()[0]);

    /// <summary>The token issued for the claim with any configured secret whose hash is <paramref name="storedHash"/>; null when none is.</summary>
    public string? Rebuild(string claimId, string storedHash)
        => Secrets().Select(secret => Derive(claimId, secret)).FirstOrDefault(token => ClaimKeys.TokenMatches(token, storedHash));

    public static string Derive(string claimId, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("claim-status-token:" + claimId));
        return ClaimKeys.TokenPrefix + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private IReadOnlyList<string> Secrets()
    {
        var secrets = (configuration[SecretsSetting] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (secrets.Length == 0 || secrets.Any(s => s.Length < MinSecretLength))
        {
            throw new InvalidOperationException(
                $"Setting 'Claims__StatusTokenSecrets' must list one or more secrets of at least {MinSecretLength} characters, separated by ';'.");
        }

        return secrets;
    }
}
