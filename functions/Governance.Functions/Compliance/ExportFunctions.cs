using Governance.Core.Audit;
using Governance.Core.Compliance.Exports;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Compliance;

/// <summary>Cross-border transfers: recorded within the policy profile's rules, listed by status, recipient country, asset and route.</summary>
public sealed class ExportFunctions(ExportService exports, IdempotentPost idempotent, WriteCompletion completion)
{
    [Function("RecordExport")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Record a cross-border transfer", Description = "Checks the transfer against the active profile: core data is never exported; important data, personal information of at least the profile's number of individuals, sensitive personal information above its threshold and any personal information of a critical-infrastructure operator need route `security_assessment` with a `reference`. Each unmet rule is a 422 entry keyed by its rule id, citing it.", Problems = [422], IdempotencyKey = true)]
    [OpenApiBody(typeof(ExportRequest))]
    [OpenApiResponse(201, typeof(ExportView))]
    public async Task<IActionResult> Record(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "exports")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<ExportRequest>(req, "export-record", 32 * 1024, async (body, operationId, ct) =>
        {
            var export = await exports.CreateAsync(body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct);
            return ApiResponse.Created(export, $"/api/exports/{export.ExportId}");
        }, cancellationToken);
    }

    [Function("ListExports")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("List cross-border transfers", Description = "Oldest first, from index rows. Several filters narrow one page: a page may then hold fewer exports while `continuationToken` says there are more.")]
    [OpenApiQuery("status", "`approved`, `expired` or `deleted`.")]
    [OpenApiQuery("recipientCountry", "The recipient's ISO 3166-1 alpha-2 country (alias `country`).")]
    [OpenApiQuery("country", "Alias of `recipientCountry`.")]
    [OpenApiQuery("assetId", "Exports that carry this data asset (alias `asset`).")]
    [OpenApiQuery("asset", "Alias of `assetId`.")]
    [OpenApiQuery("route", "`security_assessment`, `certification`, `standard_contract` or `exemption`.")]
    [OpenApiQuery("pageSize", "Exports per page (default 50, at most 100).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(ExportPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "exports")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var filter = new ExportFilter(
            ComplianceQuery.Value(req, "status"),
            ComplianceQuery.Value(req, "recipientCountry", "country"),
            ComplianceQuery.Value(req, "assetId", "asset"),
            ComplianceQuery.Value(req, "route"));
        return new OkObjectResult(await exports.ListAsync(filter, ComplianceQuery.Token(req), ComplianceQuery.PageSize(req), cancellationToken));
    }

    [Function("GetExport")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read a cross-border transfer", Description = "With its re-assessment flags (a raised classification of an asset it carries, an approaching expiry).")]
    [OpenApiResponse(200, typeof(ExportView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "exports/{exportId}")] HttpRequest req,
        string exportId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await exports.GetAsync(exportId, cancellationToken));

    [Function("DeleteExport")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Delete a cross-border transfer after its retention period", Description = "Before the profile's retention period is over (3 years after the record or, if later, the approval's expiry) a 409 citing the rule. After it the content is erased and a tombstone stays; the audit entries stay (the log is append-only).", Problems = [409])]
    [OpenApiResponse(200, typeof(ExportView))]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "exports/{exportId}")] HttpRequest req,
        string exportId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await completion.RunAsync(ct => exports.DeleteAsync(exportId, AuditActor.From(req.Caller(), StaffRoles.Operator), ct), cancellationToken));
}
