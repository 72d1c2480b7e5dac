using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class RecourseFunctions(RecourseService recourse, Settlements settlements, IdempotentPost idempotent)
{
    private const long BodyLimitBytes = 16 * 1024;

    /// <summary>An operator, or the developer owning the app (another developer gets 404).</summary>
    [Function("GetRecourse")]
    [Access(Callers.Staff | Callers.Developer, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Read the recourse against an app", Description = "One page of open claims (oldest payout first) and the balance; the app's developer reads its own.", Problems = [400])]
    [OpenApiQuery("pageSize", "Open claims per page (default 100, at most 1000).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(RecourseView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "recourse/{appId}")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
    {
        int? pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : null;
        return new OkObjectResult(await recourse.GetAsync(appId, req.Caller(), req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken));
    }

    [Function("SettleRecourse")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Record a settlement from an app's developer", Description = "Allocated to the oldest open claims; the same reference replays the result.", Problems = [409, 422], IdempotencyKey = true)]
    [OpenApiBody(typeof(SettlementRequest))]
    [OpenApiResponse(200, typeof(SettlementResult))]
    public async Task<IActionResult> Settle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "recourse/{appId}/settlements")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
    {
        var actor = AuditActor.From(req.Caller(), StaffRoles.Operator);
        return await idempotent.ExecuteJsonAsync<SettlementRequest>(req, "recourse-settlement", BodyLimitBytes, async (body, _, ct) => ApiResponse.Ok(await settlements.SettleAsync(appId, body, actor, ct)), cancellationToken);
    }

    [Function("WriteOffClaim")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Write off a claim", Problems = [409], IdempotencyKey = true)]
    [OpenApiBody(typeof(WriteOffRequest))]
    [OpenApiResponse(200, typeof(ClaimView))]
    public async Task<IActionResult> WriteOff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/write-off")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var actor = AuditActor.From(req.Caller(), StaffRoles.Operator);
        return await idempotent.ExecuteJsonAsync<WriteOffRequest>(req, "claim-write-off", BodyLimitBytes, async (body, _, ct) => ApiResponse.Ok(await recourse.WriteOffAsync(claimId, body, actor, ct)), cancellationToken);
    }
}
