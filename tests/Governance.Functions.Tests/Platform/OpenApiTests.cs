using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Json;
using Governance.Core.Security;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Governance.Functions.Platform;
using Governance.Functions.Tests.Hosting;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Platform;

[Collection(GovernanceHostCollection.Name)]
public sealed partial class OpenApiTests(GovernanceHostFixture fixture)
{
    private static IReadOnlyList<FunctionDescriptor> HttpFunctions()
        => FunctionCatalog.Discover(typeof(FunctionCatalog).Assembly).Where(f => f.Trigger == TriggerKind.Http).ToList();

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await fixture.Client.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement OperationOf(JsonElement document, FunctionDescriptor function)
        => document.GetProperty("paths").GetProperty(OpenApiDocumentBuilder.ToOpenApiPath("api", function.EffectiveRoute))
            .GetProperty(function.HttpMethods![0].ToLowerInvariant());

    [Fact]
    public async Task The_document_lists_exactly_the_http_functions_with_their_methods()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var expected = ParityTests.ReadFunctionsMetadata()
            .Where(f => f.Type == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{m} {OpenApiPath(f.Route ?? f.Name)}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(expected, documented);
    }

    [Fact]
    public void Every_http_function_describes_its_operation_and_a_success_response()
    {
        var undocumented = HttpFunctions()
            .Where(f => f.Method.GetCustomAttribute<OpenApiOperationAttribute>() is null
                || !f.Method.GetCustomAttributes<OpenApiResponseAttribute>().Any(r => r.Status is >= 200 and < 300))
            .Select(f => f.Name)
            .ToList();

        Assert.True(undocumented.Count == 0, "Without [OpenApiOperation] and a 2xx [OpenApiResponse]: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task Every_documented_operation_is_served()
    {
        var document = await DocumentAsync();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var concrete = Regex.Replace(path.Name, "\\{[^}]+\\}", "x").TrimStart('/');
                var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), concrete));
                Assert.True(response.StatusCode is not HttpStatusCode.MethodNotAllowed,
                    $"{operation.Name.ToUpperInvariant()} {path.Name} is documented but answers 405");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    var problem = await response.Content.ReadAsStringAsync();
                    Assert.DoesNotContain("No function serves", problem, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Each_operations_security_and_its_401_and_403_come_from_its_access_declaration()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("staffBearer").GetProperty("scheme").GetString());
        Assert.Equal(ApiKeyHeader.Name, schemes.GetProperty("developerApiKey").GetProperty("name").GetString());
        Assert.Equal("webhook-signature", schemes.GetProperty("webhookClaims").GetProperty("name").GetString());
        Assert.Equal("webhook-signature", schemes.GetProperty("webhookPayments").GetProperty("name").GetString());
        Assert.Equal((ApiKeyHeader.Name, "header"), (schemes.GetProperty("ingestionKeyPricing").GetProperty("name").GetString(), schemes.GetProperty("ingestionKeyPricing").GetProperty("in").GetString()));

        foreach (var function in HttpFunctions())
        {
            var access = function.Access!;
            var operation = OperationOf(document, function);
            var alternatives = operation.GetProperty("security").EnumerateArray()
                .Select(r => string.Join('+', r.EnumerateObject().Select(s => $"{s.Name}[{string.Join(',', s.Value.EnumerateArray().Select(v => v.GetString()))}]")))
                .Order(StringComparer.Ordinal)
                .ToList();
            var expected = new List<string>();
            if (access.Admits(Callers.Anonymous))
            {
                expected.Add(string.Empty);
            }

            if (access.Admits(Callers.Staff))
            {
                expected.AddRange(access.Roles.Length == 0 ? ["staffBearer[]"] : access.Roles.Select(r => $"staffBearer[{r}]"));
            }

            if (access.Admits(Callers.Developer))
            {
                expected.Add("developerApiKey[]");
            }

            if (access.Admits(Callers.Webhook))
            {
                expected.Add($"webhook{access.WebhookSource}[]");
            }

            if (access.Admits(Callers.IngestionKey))
            {
                expected.Add($"ingestionKey{access.IngestionSource}[]");
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), alternatives);
            var responses = operation.GetProperty("responses");
            Assert.Equal(access.Callers != Callers.Anonymous, responses.TryGetProperty("401", out _));
            Assert.Equal(access.Admits(Callers.Staff) && access.Roles.Length > 0, responses.TryGetProperty("403", out _));
        }
    }

    [Fact]
    public async Task Every_operation_documents_its_client_errors_as_the_shared_problem_schema()
    {
        var document = await DocumentAsync();

        foreach (var function in HttpFunctions())
        {
            var operation = OperationOf(document, function);
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.Contains(responses, r => r.Name.StartsWith('2'));
            var problems = responses.Where(r => r.Name.StartsWith('4')).ToList();
            Assert.Contains(problems, r => r.Name == "4XX");
            Assert.All(problems, r => Assert.Equal(
                "#/components/schemas/ProblemDocument",
                r.Value.GetProperty("content").GetProperty(ProblemResponse.ContentType).GetProperty("schema").GetProperty("$ref").GetString()));
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.All(new[] { "400", "413", "415" }, status => Assert.Contains(problems, r => r.Name == status));
            }
        }
    }

    [Fact]
    public async Task Schemas_are_generated_from_the_csharp_types_and_match_what_is_served()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        // A problem the API answers has exactly the documented fields (of which the required ones).
        var problem = await fixture.Client.GetAsync("api/audit");
        AssertMatches(schemas, "ProblemDocument", JsonDocument.Parse(await problem.Content.ReadAsStringAsync()).RootElement);

        AssertMatches(schemas, "HealthView", JsonDocument.Parse(await fixture.Client.GetStringAsync("api/health")).RootElement);
        AssertMatches(schemas, "PolicyProfile", JsonDocument.Parse(await fixture.Client.GetStringAsync("api/policy")).RootElement);
        var platform = await fixture.Client.SendAsync(ApiClient.Get("api/platform/profile").AsStaff(fixture, StaffRoles.Operator));
        AssertMatches(schemas, "PlatformProfileView", JsonDocument.Parse(await platform.Content.ReadAsStringAsync()).RootElement);

        // Every property a C# response type serializes is in its component, under its JSON name.
        var claimView = GovernanceJson.Options.GetTypeInfo(typeof(Governance.Core.Claims.ClaimView)).Properties.Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(claimView, schemas.GetProperty("ClaimView").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_server_is_relative_unless_a_public_base_url_is_configured()
    {
        var served = await DocumentAsync();
        var configured = JsonDocument.Parse(await new OpenApiDocumentBuilder(typeof(FunctionCatalog).Assembly, "api", "https://governance.example.org/api/").BuildJsonAsync()).RootElement;

        Assert.Equal("/", served.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal("https://governance.example.org", configured.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.True(served.GetProperty("info").GetProperty("license").TryGetProperty("identifier", out _));
    }

    private static void AssertMatches(JsonElement schemas, string component, JsonElement body)
    {
        var schema = schemas.GetProperty(component);
        var documented = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var served = body.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(served, name => Assert.True(documented.Contains(name), $"{component} does not document '{name}', which is served"));
        if (schema.TryGetProperty("required", out var required))
        {
            Assert.All(required.EnumerateArray(), name => Assert.Contains(name.GetString()!, served));
        }
    }

    private static string OpenApiPath(string route)
        => "/api/" + RouteTemplate().Replace(route.Trim('/'), "{$1}");

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteTemplate();
}
