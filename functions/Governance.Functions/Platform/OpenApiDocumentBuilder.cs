using System.Reflection;
using System.Text.RegularExpressions;
using Governance.Functions.Hosting;
using Microsoft.OpenApi;

namespace Governance.Functions.Platform;

/// <summary>Describes every HTTP function of the app as an OpenAPI 3.1 document, from the same attributes the host reads.</summary>
public sealed partial class OpenApiDocumentBuilder
{
    private readonly Lazy<Task<string>> _json;

    public OpenApiDocumentBuilder()
        : this(typeof(OpenApiDocumentBuilder).Assembly, HostJson.Load(AppContext.BaseDirectory).RoutePrefix)
    {
    }

    public OpenApiDocumentBuilder(Assembly functionsAssembly, string routePrefix)
    {
        _json = new Lazy<Task<string>>(() => Build(functionsAssembly, routePrefix).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));
    }

    public Task<string> BuildJsonAsync() => _json.Value;

    public static string ToOpenApiPath(string routePrefix, string route)
    {
        var path = RouteParameter().Replace(route.Trim('/'), m => "{" + m.Groups["name"].Value + "}");
        return "/" + string.Join('/', new[] { routePrefix.Trim('/'), path }.Where(s => s.Length > 0));
    }

    private static OpenApiDocument Build(Assembly assembly, string routePrefix)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Governance",
                Version = assembly.GetName().Version?.ToString() ?? "1.0.0",
                Description = "Data-governance duties of an Internet platform: disclosures, onboarding, compensation claims, pricing and audit.",
            },
            Paths = [],
        };

        var httpFunctions = FunctionCatalog.Discover(assembly).Where(f => f.Trigger == TriggerKind.Http);
        foreach (var group in httpFunctions.GroupBy(f => ToOpenApiPath(routePrefix, f.EffectiveRoute), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var item = new OpenApiPathItem();
            foreach (var function in group)
            {
                var methods = function.HttpMethods is { Count: > 0 } m ? m : ["GET", "POST", "PUT", "DELETE", "PATCH"];
                foreach (var method in methods)
                {
                    item.AddOperation(new HttpMethod(method), Operation(function, group.Key));
                }
            }

            document.Paths.Add(group.Key, item);
        }

        return document;
    }

    private static OpenApiOperation Operation(FunctionDescriptor function, string path)
    {
        var feature = function.Method.DeclaringType?.Namespace?.Split('.').LastOrDefault() ?? "Platform";
        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = function.Name,
            Tags = new HashSet<OpenApiTagReference> { new(feature) },
            Parameters = [],
            Responses = new OpenApiResponses
            {
                ["default"] = new OpenApiResponse { Description = "Success, or an RFC 9457 problem (application/problem+json)." },
            },
        };
        foreach (Match parameter in PathParameter().Matches(path))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Groups["name"].Value,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return operation;
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z0-9_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex PathParameter();
}
