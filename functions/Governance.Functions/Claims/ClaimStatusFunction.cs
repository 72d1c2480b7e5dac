using Governance.Core.Claims;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class ClaimStatusFunction(ClaimQueries queries)
{
    /// <summary>Anonymous by design: the status token from intake is the credential.</summary>
    [Function("GetClaimStatus")]
    [Access(Callers.Anonymous)]
    [OpenApiOperation("Read a claim's status as its user", Description = "Anonymous: the status token issued at intake is the credential; a wrong token answers 404.")]
    [OpenApiQuery("token", "The status token from intake.", Required = true)]
    [OpenApiResponse(200, typeof(ClaimStatusView))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims/{claimId}/status")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await queries.GetStatusAsync(claimId, req.Query["token"].FirstOrDefault(), cancellationToken));
}
