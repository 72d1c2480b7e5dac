using System.Text.Json;

namespace Governance.Functions.Tests.Faults;

/// <summary>Who an operation admits, as its OpenAPI security says: anonymous, staff roles, developers, webhook sources, ingestion feeds.</summary>
public sealed record Admission(bool Anonymous, IReadOnlySet<string> StaffRoles, bool StaffAnyRole, bool Developer, IReadOnlySet<string> WebhookSources, IReadOnlySet<string> IngestionFeeds);

/// <summary>
/// One operation of the app's own OpenAPI document: method, path template, who it admits, the media types and
/// top-level properties (with their JSON types) of its request body.
/// </summary>
public sealed record HostileOperation(HttpMethod Method, string Path, Admission Admission, IReadOnlyList<string> MediaTypes, IReadOnlyDictionary<string, string> Properties)
{
    public bool HasBody => MediaTypes.Count > 0;

    public IReadOnlyList<string> PathParameters { get; } = System.Text.RegularExpressions.Regex.Matches(Path, @"\{([^}]+)\}").Select(m => m.Groups[1].Value).ToList();

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation of the document (paths under <c>/api</c>).</summary>
    public static IReadOnlyList<HostileOperation> FromOpenApi(JsonElement document)
    {
        var operations = new List<HostileOperation>();
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var mediaTypes = new List<string>();
                var properties = new Dictionary<string, string>(StringComparer.Ordinal);
                if (operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        mediaTypes.Add(media.Name);
                        if (media.Value.TryGetProperty("schema", out var schema))
                        {
                            foreach (var (name, type) in PropertiesOf(Resolve(schema, schemas), schemas))
                            {
                                properties.TryAdd(name, type);
                            }
                        }
                    }
                }

                operations.Add(new HostileOperation(new HttpMethod(operation.Name.ToUpperInvariant()), path.Name, AdmissionOf(operation.Value), mediaTypes, properties));
            }
        }

        return operations;
    }

    private static Admission AdmissionOf(JsonElement operation)
    {
        var anonymous = false;
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var anyRole = false;
        var developer = false;
        var webhooks = new HashSet<string>(StringComparer.Ordinal);
        var feeds = new HashSet<string>(StringComparer.Ordinal);
        if (!operation.TryGetProperty("security", out var security))
        {
            return new Admission(true, roles, false, false, webhooks, feeds);
        }

        foreach (var requirement in security.EnumerateArray())
        {
            var schemes = requirement.EnumerateObject().ToList();
            anonymous |= schemes.Count == 0;
            foreach (var scheme in schemes)
            {
                switch (scheme.Name)
                {
                    case "staffBearer":
                        var scopes = scheme.Value.EnumerateArray().Select(r => r.GetString()!).ToList();
                        anyRole |= scopes.Count == 0;
                        roles.UnionWith(scopes);
                        break;
                    case "developerApiKey":
                        developer = true;
                        break;
                    case var webhook when webhook.StartsWith("webhook", StringComparison.Ordinal):
                        webhooks.Add(webhook["webhook".Length..]);
                        break;
                    case var feed when feed.StartsWith("ingestionKey", StringComparison.Ordinal):
                        feeds.Add(feed["ingestionKey".Length..]);
                        break;
                }
            }
        }

        return new Admission(anonymous, roles, anyRole, developer, webhooks, feeds);
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        for (var depth = 0; depth < 8 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); depth++)
        {
            var name = reference.GetString()!.Split('/').Last();
            if (schemas.ValueKind != JsonValueKind.Object || !schemas.TryGetProperty(name, out schema))
            {
                return default;
            }
        }

        return schema;
    }

    private static IEnumerable<(string Name, string Type)> PropertiesOf(JsonElement schema, JsonElement schemas)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var resolved = Resolve(property.Value, schemas);
            var type = resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("type", out var t)
                ? (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()) ?? "object"
                : "object";
            yield return (property.Name, type);
        }
    }
}
