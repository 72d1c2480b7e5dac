using Governance.Core.Audit;
using Governance.Core.Localization;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Report;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Onboarding;

/// <summary>The multipart body of a submission, for the OpenAPI document (the function reads it with <see cref="OnboardingMultipart"/>).</summary>
public sealed record OnboardingSubmissionForm(OnboardingManifest Manifest, byte[] Contract, string? PreviousRequestId);

public sealed class OnboardingFunctions(
    OnboardingIntake intake,
    OnboardingQueries queries,
    OnboardingDecisions decisions,
    IdempotentPost idempotent,
    PublicBaseUrl baseUrl,
    Localizer localizer)
{
    private const long DecisionBodyLimit = 16 * 1024;

    [Function("SubmitOnboardingRequest")]
    [Access(Callers.Developer)]
    [OpenApiOperation("Submit an app for onboarding",
        Description = "`multipart/form-data`: `manifest` (JSON, at most 64 KB), `contract` (PDF, DOCX, TXT or Markdown, at most 10 MB; the type is decided from the bytes), "
            + "optional `previousRequestId` (a resubmission). The check runs from a queue; follow `statusUrl`. A manifest with field errors is a 400, a contract "
            + "whose bytes are no supported type a 415; a contract that cannot be read is answered by the check with `changes_requested`.",
        Problems = [413, 415], IdempotencyKey = true)]
    [OpenApiBody(typeof(OnboardingSubmissionForm), ContentType = "multipart/form-data", PartTypes = ["manifest=application/json", "contract=application/octet-stream", "previousRequestId=text/plain"])]
    [OpenApiResponse(202, typeof(OnboardingAccepted), Description = "Stored and queued for its check (`status` is `pending`).")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "onboarding/requests")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        var submission = await OnboardingMultipart.ReadAsync(req, intake.MaxContractBytes, cancellationToken);
        var accepted = await intake.AcceptAsync(submission, caller.DeveloperId!, cancellationToken);
        return await idempotent.ExecuteAsync(req, "onboarding-submit", OnboardingMultipart.Fingerprint(submission), async (operationId, ct) =>
        {
            var request = await intake.SubmitAsync(accepted, caller.DeveloperId!, operationId, ct);
            var statusUrl = baseUrl.Api(req, $"onboarding/requests/{request.RequestId}").AbsoluteUri;
            return new ApiResponse(StatusCodes.Status202Accepted, new OnboardingAccepted(request.RequestId, OnboardingStatuses.Pending, statusUrl), statusUrl);
        }, cancellationToken);
    }

    [Function("GetOnboardingRequest")]
    [Access(Callers.Staff | Callers.Developer, Roles = [StaffRoles.Operator, StaffRoles.Reviewer, StaffRoles.Auditor])]
    [OpenApiOperation("Read an onboarding request", Description = "Its status, decision, app and every finding with its quote and legal basis; the developer reads its own (another developer's is a 404).")]
    [OpenApiResponse(200, typeof(OnboardingRequestView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "onboarding/requests/{requestId}")] HttpRequest req,
        string requestId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await queries.GetAsync(requestId, req.Caller(), cancellationToken));

    [Function("GetOnboardingReport")]
    [Access(Callers.Staff | Callers.Developer, Roles = [StaffRoles.Operator, StaffRoles.Reviewer, StaffRoles.Auditor])]
    [OpenApiOperation("The onboarding report",
        Description = "JSON (the request), or with `Accept: text/html` an HTML page: each finding beside its highlighted quote, in Chinese or English by `Accept-Language`, without script.")]
    [OpenApiResponse(200, typeof(OnboardingRequestView))]
    [OpenApiResponse(200, typeof(string), ContentType = "text/html")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "onboarding/requests/{requestId}/report")] HttpRequest req,
        string requestId,
        CancellationToken cancellationToken)
    {
        var view = await queries.GetAsync(requestId, req.Caller(), cancellationToken);
        var headers = req.HttpContext.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        headers.CacheControl = "no-store";
        if (!AcceptNegotiation.Prefers(req, "text/html", over: "application/json"))
        {
            return new OkObjectResult(view);
        }

        var locale = ReaderLocales.Negotiate(req, localizer);
        headers.ContentSecurityPolicy = OnboardingReportPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return new ContentResult { StatusCode = 200, ContentType = "text/html; charset=utf-8", Content = OnboardingReportPage.Render(view, locale) };
    }

    [Function("ListOnboardingRequests")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Reviewer, StaffRoles.Auditor])]
    [OpenApiOperation("List onboarding requests", Description = "Oldest first, optionally only those in one `status`; pass `continuationToken` back for the next page.")]
    [OpenApiQuery("status", "pending, checking, approved, changes_requested, rejected or error.")]
    [OpenApiQuery("pageSize", "Requests per page (default 100, at most 1000).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(OnboardingRequestPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "onboarding/requests")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var status = req.Query["status"].FirstOrDefault();
        var pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : OnboardingQueries.DefaultPageSize;
        return new OkObjectResult(await queries.ListAsync(string.IsNullOrEmpty(status) ? null : status, req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken));
    }

    [Function("DecideOnboardingRequest")]
    [Access(Callers.Staff, Roles = [StaffRoles.Reviewer, StaffRoles.Operator])]
    [OpenApiOperation("Override the decision on an onboarding request",
        Description = "`{decision: \"approve\"|\"reject\", reason}`, audited with the reason. Approving registers the app; rejecting an approved request suspends its app. "
            + "The decision the request already has answers it unchanged; a request still being checked is a 409.",
        Problems = [409], IdempotencyKey = true)]
    [OpenApiBody(typeof(OnboardingDecisionRequest))]
    [OpenApiResponse(200, typeof(OnboardingRequestView))]
    public async Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "onboarding/requests/{requestId}/decision")] HttpRequest req,
        string requestId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        var actor = AuditActor.From(caller, caller.RoleAmong([StaffRoles.Reviewer, StaffRoles.Operator]));
        return await idempotent.ExecuteJsonAsync<OnboardingDecisionRequest>(req, "onboarding-decision", DecisionBodyLimit, async (body, _, ct) =>
            ApiResponse.Ok(await decisions.DecideAsync(requestId, body, actor, ct)), cancellationToken);
    }
}
