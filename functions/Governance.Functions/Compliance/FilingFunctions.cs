using Governance.Core.Audit;
using Governance.Core.Compliance.Filings;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Compliance;

/// <summary>Regulatory filings: corporate events and the duties each carries under the active profile.</summary>
public sealed class FilingFunctions(FilingService filings, IdempotentPost idempotent, WriteCompletion completion)
{
    [Function("RecordFiling")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Record a corporate event", Description = "Decides from the active profile, the data catalog's running totals and the platform's size what the event requires and by when.", IdempotencyKey = true)]
    [OpenApiBody(typeof(RegulatoryFilingRequest))]
    [OpenApiResponse(201, typeof(FilingView))]
    public async Task<IActionResult> Record(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "filings")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<RegulatoryFilingRequest>(req, "filing-record", 16 * 1024, async (body, operationId, ct) =>
        {
            var filing = await filings.CreateAsync(body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct);
            return ApiResponse.Created(filing, $"/api/filings/{filing.FilingId}");
        }, cancellationToken);
    }

    [Function("ListFilings")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("List filings", Description = "Oldest first.")]
    [OpenApiQuery("pageSize", "Filings per page (default 50, at most 100).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(FilingPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "filings")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(await filings.ListAsync(ComplianceQuery.Token(req), ComplianceQuery.PageSize(req), cancellationToken));

    [Function("GetFiling")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read a filing", Description = "Its duties with status `open`, `done` or `overdue`.")]
    [OpenApiResponse(200, typeof(FilingView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "filings/{filingId}")] HttpRequest req,
        string filingId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await filings.GetAsync(filingId, cancellationToken));

    [Function("CloseFilingDuty")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Close one duty of a filing", Description = "The same reference again answers the filing; another reference for a closed duty is a 409.", Problems = [409])]
    [OpenApiBody(typeof(FilingDutyDoneRequest))]
    [OpenApiResponse(200, typeof(FilingView))]
    public async Task<IActionResult> CloseDuty(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "filings/{filingId}/duties/{duty}/done")] HttpRequest req,
        string filingId,
        string duty,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<FilingDutyDoneRequest>(req, 8 * 1024, cancellationToken);
        var filing = await completion.RunAsync(ct => filings.CloseDutyAsync(filingId, duty, body, AuditActor.From(req.Caller(), StaffRoles.Operator), ct), cancellationToken);
        return new OkObjectResult(filing);
    }
}
