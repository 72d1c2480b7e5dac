using Governance.Core.Policies;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Policies;

/// <summary>The active policy profile, public so anyone can see which rules and thresholds the platform applies.</summary>
public sealed class PolicyFunction(IPolicyProfileProvider profiles)
{
    [Function("PolicyGet")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("The active policy profile", Description = "Its thresholds, rules and their legal citations.")]
    [OpenApiResponse(200, typeof(PolicyProfile))]
    public IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policy")] HttpRequest req)
    {
        req.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return new OkObjectResult(profiles.Current);
    }
}
