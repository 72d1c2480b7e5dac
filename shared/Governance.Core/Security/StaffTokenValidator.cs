using Governance.Core.Problems;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace Governance.Core.Security;

/// <summary>
/// Validates a staff bearer token: signature (RS256 keys from the OpenID Connect authority, or the HS256
/// development key), issuer, audience and lifetime with two minutes of clock skew on the injected clock, and that
/// it is an access token, not an ID token (<see cref="AccessTokenShape"/>).
/// Any failure is a 401 problem that names the check that failed.
/// </summary>
public sealed class StaffTokenValidator
{
    public const string RolesClaim = "roles";

    /// <summary>The named client (standard resilience pipeline) the OpenID Connect metadata and keys are fetched with.</summary>
    public const string MetadataHttpClientName = "openid-metadata";

    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly IConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly SymmetricSecurityKey? _developmentKey;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public StaffTokenValidator(
        IOptions<AuthOptions> options,
        TimeProvider time,
        IConfigurationManager<OpenIdConnectConfiguration>? metadata = null,
        IHttpClientFactory? httpClients = null)
    {
        _options = options.Value;
        _time = time;
        if (_options.UsesAuthority)
        {
            _metadata = metadata ?? CreateMetadataManager(
                _options.Authority!,
                httpClients?.CreateClient(MetadataHttpClientName) ?? throw new InvalidOperationException("An authority needs the metadata HTTP client (or a metadata manager)."));
        }
        else
        {
            var key = _options.SigningKeyBytes()
                ?? throw new InvalidOperationException("Auth__SigningKey is not set or not base64; see AuthOptionsValidator.");
            _developmentKey = new SymmetricSecurityKey(key);
        }
    }

    /// <summary>The signed-in staff member, or a 401 problem.</summary>
    public async Task<Caller> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        var result = await ValidateOnceAsync(token, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && _metadata is not null)
        {
            // The authority may have rolled its keys since the metadata was cached.
            _metadata.RequestRefresh();
            result = await ValidateOnceAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            throw InvalidToken(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (AccessTokenShape.WhyNotAnAccessToken(jwt) is { } notAnAccessToken)
        {
            throw InvalidToken(notAnAccessToken);
        }

        if (string.IsNullOrWhiteSpace(jwt.Subject))
        {
            throw InvalidToken("The token has no subject (sub) claim.");
        }

        var roles = jwt.Claims.Where(c => c.Type == RolesClaim).Select(c => c.Value).Where(StaffRoles.IsKnown);
        return Caller.Staff(jwt.Subject, roles);
    }

    public static GovernanceProblem InvalidToken(string description)
        => GovernanceProblem.Unauthorized(
            $"The bearer token was rejected: {description}",
            $"Bearer error=\"invalid_token\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\"");

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = AuthOptions.ClockSkew,

            // IdentityModel 8.x keeps its own TimeProvider property internal, so lifetime is checked here on ours.
            LifetimeValidator = ValidateLifetime,
        };

        if (_metadata is not null)
        {
            var configuration = await _metadata.GetConfigurationAsync(cancellationToken);
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        }
        else
        {
            parameters.IssuerSigningKey = _developmentKey;
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        return await _handler.ValidateTokenAsync(token, parameters);
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's not-before is after its expiry.") { NotBefore = start, Expires = expires };
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now + AuthOptions.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        if (expires.Value < now - AuthOptions.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired.",
        SecurityTokenNotYetValidException => "the token is not valid yet.",
        SecurityTokenNoExpirationException => "the token has no expiry (exp) claim.",
        SecurityTokenInvalidLifetimeException => "the token lifetime is invalid.",
        SecurityTokenInvalidIssuerException => "the issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "the audience is not accepted.",
        SecurityTokenInvalidAlgorithmException => "the signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the signature is invalid.",
        SecurityTokenMalformedException => "the token is malformed.",
        _ => "the token is not valid.",
    };

    private static ConfigurationManager<OpenIdConnectConfiguration> CreateMetadataManager(string authority, HttpClient http)
        => new(
            authority.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = true });
}
