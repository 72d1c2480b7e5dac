using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Platform;

public sealed class OpenApiFunction(OpenApiDocumentBuilder builder)
{
    [Function("OpenApiDocument")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("This OpenAPI document")]
    [OpenApiResponse(200, typeof(System.Text.Json.Nodes.JsonObject))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req)
    {
        var json = await builder.BuildJsonAsync();
        return new ContentResult { Content = json, ContentType = "application/json", StatusCode = 200 };
    }
}
