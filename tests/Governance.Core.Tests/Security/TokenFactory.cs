using System.Security.Cryptography;
using Governance.Core.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.Core.Tests.Security;

/// <summary>Builds tokens for the tests directly with IdentityModel, independent of the code under test.</summary>
internal static class TokenFactory
{
    public const string Issuer = "governance-test";
    public const string Audience = "governance-api";

    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static readonly IReadOnlyDictionary<string, object> EntraV2AccessToken = new Dictionary<string, object>
    {
        ["ver"] = "2.0",
        ["azp"] = "4a1d2f0e-client-app",
        ["scp"] = "access_as_user",
    };

    public static IOptions<AuthOptions> Options(byte[]? key = null)
        => Microsoft.Extensions.Options.Options.Create(new AuthOptions { Issuer = Issuer, Audience = Audience, SigningKey = Convert.ToBase64String(key ?? Key) });

    public static string Create(
        DateTimeOffset now,
        object? roles = null,
        string? subject = "alice",
        TimeSpan? lifetime = null,
        string issuer = Issuer,
        string audience = Audience,
        SigningCredentials? credentials = null,
        DateTimeOffset? notBefore = null,
        IReadOnlyDictionary<string, object>? shape = null,
        string? type = null)
    {
        // By default shaped like a Microsoft Entra ID v2.0 access token (ver, azp naming the calling client);
        // pass `shape` to build another kind (an ID token, a v1 token…) and `type` for the header's typ.
        var claims = new Dictionary<string, object>(shape ?? EntraV2AccessToken);
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(30))).UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials ?? new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
            TokenType = type,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
