using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class RecourseFunctions(RecourseService recourse, IdempotentPost idempotent)
{
    private const long BodyLimitBytes = 16 * 1024;

    /// <summary>An operator, or the developer owning the app (another developer gets 404).</summary>
    [Function("GetRecourse")]
    [Access(Callers.Staff | Callers.Developer, Roles = [StaffRoles.Operator])]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "recourse/{appId}")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await recourse.GetAsync(appId, req.Caller(), cancellationToken));

    [Function("SettleRecourse")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    public async Task<IActionResult> Settle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "recourse/{appId}/settlements")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<SettlementRequest>(req, "recourse-settlement", caller, BodyLimitBytes, async (body, ct) =>
            ApiResponse.Ok(await recourse.SettleAsync(appId, body, AuditActor.From(caller, StaffRoles.Operator), ct)), cancellationToken);
    }

    [Function("WriteOffClaim")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    public async Task<IActionResult> WriteOff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{claimId}/write-off")] HttpRequest req,
        string claimId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<WriteOffRequest>(req, "claim-write-off", caller, BodyLimitBytes, async (body, ct) =>
            ApiResponse.Ok(await recourse.WriteOffAsync(claimId, body, AuditActor.From(caller, StaffRoles.Operator), ct)), cancellationToken);
    }
}
