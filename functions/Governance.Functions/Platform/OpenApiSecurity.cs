using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Http;
using Microsoft.OpenApi;

namespace Governance.Functions.Platform;

/// <summary>The document's security schemes and each operation's security, from the functions' <see cref="AccessAttribute"/>s.</summary>
internal static class OpenApiSecurity
{
    public const string StaffScheme = "staffBearer";
    public const string DeveloperScheme = "developerApiKey";

    public static string WebhookScheme(string source) => "webhook" + source;

    public static string IngestionKeyScheme(string source) => "ingestionKey" + source;

    /// <summary>One scheme per kind of caller some declaration admits (one per webhook source: each has its own secrets).</summary>
    public static IDictionary<string, IOpenApiSecurityScheme> Schemes(IEnumerable<AccessAttribute> declarations)
    {
        var schemes = new SortedDictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        foreach (var access in declarations)
        {
            if (access.Admits(Callers.Staff))
            {
                schemes.TryAdd(StaffScheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A staff member's token: signature, issuer, audience and expiry (2 minutes of skew) are checked; "
                        + $"the `{StaffTokenValidator.RolesClaim}` claim carries the roles ({string.Join(", ", StaffRoles.All.Select(r => $"`{r}`"))}). "
                        + "An operation lists the roles it accepts as this scheme's scopes, one requirement per role: any one of them suffices. "
                        + "Entra ID (RS256) in Azure; locally `dotnet run --project functions/Governance.LocalHost -- token --role operator`.",
                });
            }

            if (access.Admits(Callers.Developer))
            {
                schemes.TryAdd(DeveloperScheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyHeader.Name,
                    Description = "A third-party developer's API key (`gk_…`), shown once by `POST /api/developers` and replaced by `POST /api/developers/me/keys`. "
                        + "Another developer's resource answers 404.",
                });
            }

            if (access.Admits(Callers.Webhook) && access.WebhookSource is { } source)
            {
                schemes.TryAdd(WebhookScheme(source), new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = WebhookHeaders.SignatureHeader,
                    Description = $"A Standard Webhooks message from the {source} system. `{WebhookHeaders.SignatureHeader}` is `v1,<base64 HMAC-SHA256>` "
                        + $"of `{{webhook-id}}.{{webhook-timestamp}}.{{body}}` with a secret of `Webhooks__{source}__Secrets` (several during rotation). "
                        + $"Two more headers go with it: `{WebhookHeaders.IdHeader}`, the message id (at most {WebhookSignature.MaxIdLength} characters; "
                        + $"a repeat gets the first response), and `{WebhookHeaders.TimestampHeader}`, Unix time in seconds, within "
                        + $"{WebhookSignature.Tolerance.TotalMinutes:0} minutes of the server's clock.",
                });
            }

            if (access.Admits(Callers.IngestionKey) && access.IngestionSource is { } feed)
            {
                schemes.TryAdd(IngestionKeyScheme(feed), new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyHeader.Name,
                    Description = $"A key of a machine client that feeds {feed} data, one of `{feed}__IngestionKeys` (`;`-separated, "
                        + $"{IngestionKeyVerifier.MinKeyLength} to {IngestionKeyVerifier.MaxKeyLength} printable characters each, so keys rotate by adding the new one first). "
                        + "Compared in constant time against every configured key; stored nowhere else. Not a developer's API key.",
                });
            }
        }

        return new Dictionary<string, IOpenApiSecurityScheme>(schemes, StringComparer.Ordinal);
    }

    /// <summary>Alternatives, any one of which admits a caller; an anonymous operation has the empty requirement.</summary>
    public static List<OpenApiSecurityRequirement> Requirements(AccessAttribute access, OpenApiDocument document)
    {
        var requirements = new List<OpenApiSecurityRequirement>();
        if (access.Admits(Callers.Anonymous))
        {
            requirements.Add([]);
        }

        if (access.Admits(Callers.Staff))
        {
            requirements.AddRange(access.Roles.Length == 0
                ? [Requirement(StaffScheme, document)]
                : access.Roles.Select(role => Requirement(StaffScheme, document, role)));
        }

        if (access.Admits(Callers.Developer))
        {
            requirements.Add(Requirement(DeveloperScheme, document));
        }

        if (access.Admits(Callers.Webhook) && access.WebhookSource is { } source)
        {
            requirements.Add(Requirement(WebhookScheme(source), document));
        }

        if (access.Admits(Callers.IngestionKey) && access.IngestionSource is { } feed)
        {
            requirements.Add(Requirement(IngestionKeyScheme(feed), document));
        }

        return requirements;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document, params string[] roles)
        => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. roles] };
}
