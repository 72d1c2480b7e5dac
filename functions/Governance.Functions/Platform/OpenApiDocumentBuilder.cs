using System.Reflection;
using System.Text.RegularExpressions;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Governance.Functions.Platform;

/// <summary>
/// Describes every HTTP function of the app as an OpenAPI 3.1 document, from the same attributes the hosts read:
/// routes and methods from <c>[HttpTrigger]</c>, security from <see cref="AccessAttribute"/>, bodies, responses and
/// query parameters from the <c>OpenApi*</c> attributes, schemas generated from the C# types (<see cref="OpenApiSchemas"/>).
/// <c>redocly lint</c> (recommended rules) accepts it without errors or warnings (see <c>OpenApiLintTests</c>).
/// </summary>
public sealed partial class OpenApiDocumentBuilder
{
    /// <summary>What each feature folder (one tag) is about; a folder without an entry fails the lint (tag-description).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Apps"] = "The registry of third-party apps that compensation claims name: registration, suspension and reinstatement.",
        ["Audit"] = "The hash-chained audit trail: query its entries and verify the chain.",
        ["Claims"] = "Advance compensation claims: intake by signed webhook, review, payout, recourse against the app's developer, write-off.",
        ["Compliance"] = "Compliance records: the data catalog, cross-border transfers, incidents and their reporting deadlines, regulatory filings, and one bundle for the regulator.",
        ["Developers"] = "Third-party developers: sign-up, profile and API keys.",
        ["Disclosures"] = "Platform rules, privacy policy and algorithm strategy: staff drafts and publishing; public versions, diffs, page and feed.",
        ["Events"] = "Outbound domain events: what the outbox has not published yet.",
        ["Ledger"] = "The double-entry ledger of advance compensation and its recovery.",
        ["Onboarding"] = "Third-party onboarding: developers submit an app's manifest and contract; a queued check decides against the policy profile's clause library and declaration policies; staff list, read reports and override.",
        ["Platform"] = "Health, this document, and the platform's size, which decides the large-platform duties.",
        ["Policies"] = "The active policy profile: thresholds, rules and their legal citations.",
        ["Pricing"] = "Discriminatory-pricing detection: paid-price observations in, scans over a window, findings with their statistics, an HTML report.",
    };

    private readonly Lazy<Task<string>> _json;

    /// <summary>
    /// The app's own document. <paramref name="publicBaseUrl"/> is the site's public address (for example
    /// <c>https://governance.example.org</c>) given as the document's server; without it the server is <c>/</c>,
    /// relative to wherever the document was fetched from.
    /// </summary>
    public OpenApiDocumentBuilder(string? publicBaseUrl = null)
        : this(typeof(OpenApiDocumentBuilder).Assembly, HostJson.Load(AppContext.BaseDirectory).RoutePrefix, publicBaseUrl)
    {
    }

    public OpenApiDocumentBuilder(Assembly functionsAssembly, string routePrefix, string? publicBaseUrl = null)
    {
        _json = new Lazy<Task<string>>(() => Build(functionsAssembly, routePrefix, publicBaseUrl).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));
    }

    public Task<string> BuildJsonAsync() => _json.Value;

    public static string ToOpenApiPath(string routePrefix, string route)
    {
        var path = RouteParameter().Replace(route.Trim('/'), m => "{" + m.Groups["name"].Value + "}");
        return "/" + string.Join('/', new[] { routePrefix.Trim('/'), path }.Where(s => s.Length > 0));
    }

    /// <summary>The tag of a function: its feature folder (the last segment of its namespace).</summary>
    public static string Feature(FunctionDescriptor function) => function.Method.DeclaringType?.Namespace?.Split('.').LastOrDefault() ?? "Platform";

    private static OpenApiDocument Build(Assembly assembly, string routePrefix, string? publicBaseUrl)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Governance",
                Version = assembly.GetName().Version?.ToString() ?? "1.0.0",
                Description = "Data-governance duties of an Internet platform: disclosures, onboarding, compensation claims, pricing and audit. "
                    + "Every error is an RFC 9457 problem (`application/problem+json`).",
                License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
            },
            Servers = [Server(publicBaseUrl, routePrefix)],
            Paths = [],
            Components = new OpenApiComponents(),
        };
        var schemas = new OpenApiSchemas(document);
        var problems = new OpenApiProblems(schemas.For(typeof(ProblemDocument)));

        var httpFunctions = FunctionCatalog.Discover(assembly).Where(f => f.Trigger == TriggerKind.Http).ToList();
        foreach (var group in httpFunctions.GroupBy(f => ToOpenApiPath(routePrefix, f.EffectiveRoute), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new OpenApiPathItem();
            foreach (var function in group)
            {
                var methods = function.HttpMethods is { Count: > 0 } m ? m : ["GET", "POST", "PUT", "DELETE", "PATCH"];
                foreach (var method in methods)
                {
                    item.AddOperation(new HttpMethod(method), Operation(function, group.Key, document, schemas, problems));
                }
            }

            document.Paths.Add(group.Key, item);
        }

        document.Components.SecuritySchemes = OpenApiSecurity.Schemes(httpFunctions.Select(f => f.Access).OfType<AccessAttribute>());
        document.Tags = new HashSet<OpenApiTag>(httpFunctions.Select(Feature).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(feature => new OpenApiTag { Name = feature, Description = TagDescriptions.GetValueOrDefault(feature) }));
        schemas.AddComponents();
        return document;
    }

    private static OpenApiServer Server(string? publicBaseUrl, string routePrefix)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return new OpenApiServer { Url = "/", Description = "This deployment: paths are relative to the address this document was fetched from." };
        }

        // Paths carry the route prefix (/api/...), so the server is the site itself even when the setting names /api.
        var url = publicBaseUrl.Trim().TrimEnd('/');
        var prefix = "/" + routePrefix.Trim('/');
        if (prefix.Length > 1 && url.EndsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            url = url[..^prefix.Length];
        }

        return new OpenApiServer { Url = url, Description = "This deployment's public address." };
    }

    private static OpenApiOperation Operation(FunctionDescriptor function, string path, OpenApiDocument document, OpenApiSchemas schemas, OpenApiProblems problems)
    {
        var access = function.Access
            ?? throw new InvalidOperationException($"HTTP function '{function.Name}' declares no [Access]; it is not served and cannot be documented.");
        var described = function.Method.GetCustomAttribute<OpenApiOperationAttribute>();
        var body = function.Method.GetCustomAttribute<OpenApiBodyAttribute>();
        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = described?.Summary ?? function.Name,
            Description = described?.Description,
            Tags = new HashSet<OpenApiTagReference> { new(Feature(function), document) },
            Parameters = [],
            Security = OpenApiSecurity.Requirements(access, document),
            Responses = [],
        };

        var pathParameters = PathParameter().Matches(path).Select(m => m.Groups["name"].Value).ToList();
        foreach (var name in pathParameters)
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = schemas.For(typeof(string)) });
        }

        foreach (var query in function.Method.GetCustomAttributes<OpenApiQueryAttribute>())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Required = query.Required,
                Schema = schemas.For(query.Type),
            });
        }

        if (described?.IdempotencyKey == true)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotentPost.HeaderName,
                In = ParameterLocation.Header,
                Description = "Makes a retry safe: the first completed response is stored and replayed (with `Idempotent-Replayed: true`) for the same key "
                    + "from the same caller; the same key with another request is a 422; while the first is still running, a 409 with `Retry-After`.",
                Schema = schemas.For(typeof(string)),
            });
        }

        if (body is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [body.ContentType] = new OpenApiMediaType
                    {
                        Schema = schemas.For(body.Type),
                        Encoding = body.PartTypes.Length == 0 ? null : body.PartTypes.Select(p => p.Split('=', 2))
                            .ToDictionary(p => p[0], p => new OpenApiEncoding { ContentType = p[1] }),
                    },
                },
            };
        }

        var responses = function.Method.GetCustomAttributes<OpenApiResponseAttribute>().ToList();
        foreach (var status in responses.GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = status.Select(r => r.Description).FirstOrDefault(d => d is not null) ?? ReasonPhrases.GetReasonPhrase(status.Key),
                Content = status.Any(r => r.Type is not null)
                    ? status.Where(r => r.Type is not null).ToDictionary(r => r.ContentType, r => (IOpenApiMediaType)new OpenApiMediaType { Schema = schemas.For(r.Type!) })
                    : null,
            };
        }

        if (!responses.Any(r => r.Status is >= 200 and < 300))
        {
            operation.Responses["200"] = new OpenApiResponse { Description = "Success." };
        }

        problems.AddTo(operation, access, described, hasBody: body is not null, hasPathParameters: pathParameters.Count > 0);
        return operation;
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z0-9_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex PathParameter();
}
