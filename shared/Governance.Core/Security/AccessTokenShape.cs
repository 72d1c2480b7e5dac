using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.Core.Security;

/// <summary>
/// Tells an access token from an ID token, after its signature, issuer, audience and lifetime were checked.
/// Entra ID signs both with the same keys and issuer, and its ID tokens carry the user's app roles; when the
/// API's audience is its own client id (the audience of v2.0 access tokens), an ID token the app obtained for
/// itself would pass every other check. The rule:
/// <list type="number">
/// <item>The header <c>typ</c>, when present, is <c>JWT</c> (what Entra ID writes on both kinds) or RFC 9068's
/// <c>at+jwt</c> / <c>application/at+jwt</c>; any other declared type (<c>logout+jwt</c>, …) is refused.</item>
/// <item>A token carrying ID-token-only claims (<c>nonce</c>, <c>at_hash</c>, <c>c_hash</c>, OpenID Connect Core
/// §2/§3) is refused.</item>
/// <item>An <c>at+jwt</c> token is an access token by declaration (RFC 9068 §4 has validators rely on it).</item>
/// <item>Otherwise the token must name the client it was issued to, as Entra ID access tokens do and its ID tokens
/// do not: <c>azp</c> (v2.0), <c>appid</c> (v1.0), or the access-token-only optional claim <c>idtyp</c>.</item>
/// </list>
/// </summary>
public static class AccessTokenShape
{
    private static readonly string[] IdTokenClaims = ["nonce", "at_hash", "c_hash"];
    private static readonly string[] ClientClaims = ["azp", "appid", "idtyp"];

    /// <summary>Null when <paramref name="token"/> is an access token, else why it is not.</summary>
    public static string? WhyNotAnAccessToken(JsonWebToken token)
    {
        var type = token.Typ;
        var declaredAccessToken = string.Equals(type, "at+jwt", StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, "application/at+jwt", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(type) && !declaredAccessToken && !string.Equals(type, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return $"the token type '{type}' is not an access token.";
        }

        if (IdTokenClaims.FirstOrDefault(c => token.TryGetPayloadValue<object>(c, out _)) is { } idClaim)
        {
            return $"it is an ID token (it carries '{idClaim}'); send an access token issued for this API.";
        }

        if (declaredAccessToken || ClientClaims.Any(c => token.TryGetPayloadValue<object>(c, out _)))
        {
            return null;
        }

        return "it is not an access token: it names no client (azp, appid or idtyp), as an ID token does not; send an access token issued for this API.";
    }
}
