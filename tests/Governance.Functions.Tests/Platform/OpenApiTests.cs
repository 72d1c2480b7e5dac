using System.Net;
using System.Text.Json;
using Governance.Functions.Tests.Hosting;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Platform;

[Collection(GovernanceHostCollection.Name)]
public sealed class OpenApiTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task The_document_lists_exactly_the_http_functions_with_their_methods()
    {
        var response = await fixture.Client.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.1", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
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
    public async Task Every_documented_operation_is_served()
    {
        using var document = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/openapi.json"));
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var concrete = System.Text.RegularExpressions.Regex.Replace(path.Name, "\\{[^}]+\\}", "x").TrimStart('/');
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

    private static string OpenApiPath(string route)
        => "/api/" + System.Text.RegularExpressions.Regex.Replace(route.Trim('/'), @"\{\*?([A-Za-z0-9_]+)(:[^}]*)?\??\}", "{$1}");
}
