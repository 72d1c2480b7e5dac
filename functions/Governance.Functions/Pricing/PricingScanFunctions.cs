using Governance.Core.Audit;
using Governance.Core.Localization;
using Governance.Core.Pricing.Report;
using Governance.Core.Pricing.Scans;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Pricing;

public sealed class PricingScanFunctions(PricingScanService scans, IdempotentPost idempotent, Localizer localizer, TimeProvider time)
{
    [Function("StartPricingScan")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Scan a window for discriminatory pricing",
        Description = "`from ≤ observedAt < to`, at most 366 days, not starting before 2000-01-01 or in the future. The scan runs in the background, "
            + "one queue message per product shard, then a finalize step that controls the false-discovery rate over all its tests; "
            + "follow it at `statusUrl`.", IdempotencyKey = true)]
    [OpenApiBody(typeof(PricingScanRequest))]
    [OpenApiResponse(202, typeof(PricingScanStarted))]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pricing/scans")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        var apiBase = RequestCredentials.ApiBase(req);
        return await idempotent.ExecuteJsonAsync<PricingScanRequest>(req, "pricing-scan", 4 * 1024, async (body, operationId, ct) =>
        {
            var scan = await scans.StartAsync(body, operationId, AuditActor.From(caller, StaffRoles.Operator), ct);
            var statusUrl = $"{apiBase}/pricing/scans/{scan.ScanId}";
            return new ApiResponse(StatusCodes.Status202Accepted, new PricingScanStarted(scan.ScanId, scan.Status, statusUrl), statusUrl);
        }, cancellationToken);
    }

    [Function("GetPricingScan")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("A scan's status and counts",
        Description = "`status` is `running`, `completed` or `failed` (with `reason`); `progress` counts the shards whose results are stored. "
            + "While running, the counts are those of the shards done.")]
    [OpenApiResponse(200, typeof(PricingScanView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pricing/scans/{scanId}")] HttpRequest req,
        string scanId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await scans.GetAsync(scanId, cancellationToken));

    [Function("ListPricingFindings")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("A scan's findings", Description = "Largest |relative difference| first, one page at a time; pass `continuationToken` back for the next page.")]
    [OpenApiQuery("scanId", "The scan.", Required = true)]
    [OpenApiQuery("pageSize", "Findings per page (1-200, default 50).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(PricingFindingPage))]
    public async Task<IActionResult> Findings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pricing/findings")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var scanId = req.Query["scanId"].ToString();
        if (string.IsNullOrWhiteSpace(scanId))
        {
            throw Core.Problems.GovernanceProblem.Validation(new Dictionary<string, string[]> { ["scanId"] = ["is required."] });
        }

        var pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : 50;
        return new OkObjectResult(await scans.FindingsAsync(scanId, req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken));
    }

    [Function("GetPricingScanReport")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("A scan's report as an HTML page",
        Description = "Chinese or English by `Accept-Language`: summary, the largest findings with a chart of the paid prices of cohort and rest, "
            + "and the method with the thresholds the scan applied. No script.")]
    [OpenApiResponse(200, typeof(string), ContentType = "text/html")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pricing/scans/{scanId}/report")] HttpRequest req,
        string scanId,
        CancellationToken cancellationToken)
    {
        var (scan, findings) = await scans.ReportAsync(scanId, PricingReport.MaxFindings, cancellationToken);
        var locale = ReaderLocales.Negotiate(req, localizer);
        var headers = req.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = PricingReport.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return new ContentResult
        {
            Content = PricingReport.Render(new PricingReportModel(scan, findings, time.GetUtcNow(), locale)),
            ContentType = "text/html; charset=utf-8",
            StatusCode = StatusCodes.Status200OK,
        };
    }
}
