using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class ClaimReviewFunctions(ClaimQueries queries, ClaimDecisions decisions, ICallerAuthenticator authenticator, IdempotentPost idempotent)
{
    private static readonly string[] Readers = [StaffRoles.Reviewer, StaffRoles.Operator, StaffRoles.Auditor];

    [Function("ListClaims")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        await authenticator.RequireStaffAsync(RequestCredentials.Authorization(req), Readers, cancellationToken);
        int? pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : null;
        return new OkObjectResult(await queries.ListAsync(req.Query["status"].FirstOrDefault(), req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken));
    }

    [Function("GetClaim")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims/{claimId}")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        await authenticator.RequireStaffAsync(RequestCredentials.Authorization(req), Readers, cancellationToken);
        return new OkObjectResult(await queries.GetAsync(claimId, cancellationToken));
    }

    [Function("DecideClaim")]
    public async Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/decision")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var caller = await authenticator.RequireStaffAsync(RequestCredentials.Authorization(req), [StaffRoles.Reviewer], cancellationToken);
        return await idempotent.ExecuteJsonAsync<ReviewDecisionRequest>(req, "claim-decision", caller, 16 * 1024, async (body, ct) =>
            ApiResponse.Ok(await decisions.DecideAsync(claimId, body, AuditActor.From(caller, StaffRoles.Reviewer), ct)), cancellationToken);
    }
}
