using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Core.Security;

/// <summary>
/// Issues HS256 staff tokens with the development key, for the local host's <c>token</c> command and tests: RFC 9068
/// access tokens (<c>typ: at+jwt</c>, <c>client_id</c>), so they pass <see cref="AccessTokenShape"/> as Entra ID's do.
/// </summary>
public sealed class DevTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(60);

    public const string ClientId = "governance-dev-token";

    public string Issue(IEnumerable<string> roles, string subject = "dev-user", TimeSpan? lifetime = null)
    {
        var settings = options.Value;
        var key = settings.SigningKeyBytes()
            ?? throw new InvalidOperationException("Development tokens need Auth__SigningKey (base64, at least 32 bytes).");
        if (key.Length < AuthOptions.MinimumSigningKeyBytes)
        {
            throw new InvalidOperationException($"Auth__SigningKey must decode to at least {AuthOptions.MinimumSigningKeyBytes} bytes.");
        }

        var roleList = roles.ToArray();
        var unknown = roleList.Where(r => !StaffRoles.IsKnown(r)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}. Known roles: {string.Join(", ", StaffRoles.All)}.", nameof(roles));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? DefaultLifetime),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [StaffTokenValidator.RolesClaim] = roleList,
                ["client_id"] = ClientId,
            },
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
