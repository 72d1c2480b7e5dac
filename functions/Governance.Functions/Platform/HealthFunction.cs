using Governance.Core.Health;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Platform;

/// <summary><c>healthy</c>/<c>ok</c>, or <c>unhealthy</c>/<c>failed</c> with each failing storage service and what failed.</summary>
public sealed record HealthView(string Status, string Storage, IReadOnlyDictionary<string, string>? Failing = null);

public sealed class HealthFunction(HealthService health)
{
    [Function("Health")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("Health of the app and its storage")]
    [OpenApiResponse(200, typeof(HealthView))]
    [OpenApiResponse(503, typeof(HealthView), Description = "A storage service is failing; `failing` names it.")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        if (report.Healthy)
        {
            return new OkObjectResult(new HealthView("healthy", "ok"));
        }

        var failing = report.Checks.Where(c => c.Value != "ok").ToDictionary(c => c.Key, c => c.Value);
        return new ObjectResult(new HealthView("unhealthy", "failed", failing)) { StatusCode = StatusCodes.Status503ServiceUnavailable };
    }
}
