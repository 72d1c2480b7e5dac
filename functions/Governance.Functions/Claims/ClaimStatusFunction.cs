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
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims/{claimId}/status")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await queries.GetStatusAsync(claimId, req.Query["token"].FirstOrDefault(), cancellationToken));
}
