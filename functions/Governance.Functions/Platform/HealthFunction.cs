using Governance.Core.Health;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Platform;

public sealed class HealthFunction(HealthService health)
{
    [Function("Health")]
    [Access(Callers.Anonymous)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        if (report.Healthy)
        {
            return new OkObjectResult(new { status = "healthy", storage = "ok" });
        }

        var failing = report.Checks.Where(c => c.Value != "ok").ToDictionary(c => c.Key, c => c.Value);
        return new ObjectResult(new { status = "unhealthy", storage = "failed", failing }) { StatusCode = StatusCodes.Status503ServiceUnavailable };
    }
}
