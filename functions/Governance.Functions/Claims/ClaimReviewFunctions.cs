using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class ClaimReviewFunctions(ClaimQueries queries, ClaimDecisions decisions, IdempotentPost idempotent)
{
    [Function("ListClaims")]
    [Access(Callers.Staff, Roles = [StaffRoles.Reviewer, StaffRoles.Operator, StaffRoles.Auditor])]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        int? pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : null;
        return new OkObjectResult(await queries.ListAsync(req.Query["status"].FirstOrDefault(), req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken));
    }

    [Function("GetClaim")]
    [Access(Callers.Staff, Roles = [StaffRoles.Reviewer, StaffRoles.Operator, StaffRoles.Auditor])]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims/{claimId}")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await queries.GetAsync(claimId, cancellationToken));

    [Function("DecideClaim")]
    [Access(Callers.Staff, Roles = [StaffRoles.Reviewer])]
    public async Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/decision")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<ReviewDecisionRequest>(req, "claim-decision", caller, 16 * 1024, async (body, ct) =>
            ApiResponse.Ok(await decisions.DecideAsync(claimId, body, AuditActor.From(caller, StaffRoles.Reviewer), ct)), cancellationToken);
    }
}
