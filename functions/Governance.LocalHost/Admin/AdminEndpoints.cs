using System.Text.Json;
using Governance.Functions.Http;

namespace Governance.LocalHost.Admin;

/// <summary>Core Tools' admin API, as far as development needs it: list functions, run a non-HTTP one now.</summary>
public static class AdminEndpoints
{
    private sealed record InvokeRequest(string? Input);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/functions", (LocalFunctionRegistry registry) => Results.Json(registry.Functions));
        endpoints.MapPost("/admin/functions/{name}", async (string name, HttpContext context, LocalFunctionRegistry registry) =>
        {
            if (!registry.TryGetManualTrigger(name, out var trigger))
            {
                return (IResult)new ProblemResponse(404, "Not found", $"No timer or queue function named '{name}'.");
            }

            string? input = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                input = RequestBody.ParseJson<InvokeRequest>(await RequestBody.ReadBytesAsync(context.Request, RequestBody.DefaultLimitBytes, requireJson: true, context.RequestAborted)).Input;
            }

            await trigger(input, context.RequestAborted);
            return Results.Accepted();
        });
    }
}
