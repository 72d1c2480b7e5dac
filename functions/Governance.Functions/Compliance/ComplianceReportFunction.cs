using Governance.Core.Compliance.Reports;
using Governance.Core.Localization;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Compliance;

/// <summary>One bundle for the regulator over a period, as JSON or (with <c>Accept: text/html</c>) a page in the reader's language.</summary>
public sealed class ComplianceReportFunction(ComplianceBundleService bundles, Localizer localizer)
{
    [Function("GetComplianceBundle")]
    [Access(Callers.Staff, Roles = [StaffRoles.Auditor])]
    [OpenApiOperation("The compliance bundle of a period", Description = "Disclosures published, apps onboarded and suspended, claims filed and prepaid, pricing findings, cross-border transfers, incidents with their deadlines met or missed, and filings from `from` (inclusive) to `to` (exclusive, at most 366 days later), with `auditRootHash` = `headHash` of `GET /api/audit/verify` at the bundle's time. HTML with `Accept: text/html`, in Chinese or English by `Accept-Language`.")]
    [OpenApiQuery("from", "Start of the period (ISO 8601; a date alone is midnight UTC), inclusive.", Required = true)]
    [OpenApiQuery("to", "End of the period, exclusive.", Required = true)]
    [OpenApiResponse(200, typeof(ComplianceBundle))]
    [OpenApiResponse(200, typeof(string), ContentType = "text/html")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/compliance")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var (from, to) = ComplianceBundleService.Period(req.Query["from"].FirstOrDefault(), req.Query["to"].FirstOrDefault());
        var bundle = await bundles.BuildAsync(from, to, cancellationToken);
        var headers = req.HttpContext.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        headers.CacheControl = "no-store";
        if (!AcceptHeader.Prefers(req, "text/html"))
        {
            return new OkObjectResult(bundle);
        }

        var locale = ReaderLocales.Negotiate(req, localizer);
        headers.ContentSecurityPolicy = ComplianceBundlePage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return new ContentResult { Content = ComplianceBundlePage.Render(bundle, locale), ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
