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
    [OpenApiOperation("List claims", Description = "Claims, optionally in one status (for example `under_review`), one page at a time.", Problems = [400])]
    [OpenApiQuery("status", "Only claims in this status.")]
    [OpenApiQuery("pageSize", "Claims per page.", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(ClaimPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        int? pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : null;
        return new OkObjectResult(await queries.ListAsync(req.Query["status"].FirstOrDefault(), req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken));
    }

    [Function("GetClaim")]
    [Access(Callers.Staff, Roles = [StaffRoles.Reviewer, StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read a claim")]
    [OpenApiResponse(200, typeof(ClaimView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims/{claimId}")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await queries.GetAsync(claimId, cancellationToken));

    [Function("DecideClaim")]
    [Access(Callers.Staff, Roles = [StaffRoles.Reviewer])]
    [OpenApiOperation("Decide a claim under review", Description = "`approve` (with an amount up to the claimed one and the per-claim cap of its currency) or `reject`, with a reason; the same decision again returns the claim, a different one is a 409 naming the decision recorded.", Problems = [409, 422], IdempotencyKey = true)]
    [OpenApiBody(typeof(ReviewDecisionRequest))]
    [OpenApiResponse(200, typeof(ClaimView))]
    public async Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/decision")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var reviewer = AuditActor.From(req.Caller(), StaffRoles.Reviewer);
        return await idempotent.ExecuteJsonAsync<ReviewDecisionRequest>(req, "claim-decision", 16 * 1024, async (body, _, ct) => ApiResponse.Ok(await decisions.DecideAsync(claimId, body, reviewer, ct)), cancellationToken);
    }
}
