using System.Globalization;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Validation;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Audit;

public sealed class AuditFunctions(IAuditLog audit, AuditAnchorWriter anchors, AuditFullVerification fullVerification)
{
    [Function("AuditQuery")]
    [Access(Callers.Staff, Roles = [StaffRoles.Auditor])]
    [OpenApiOperation("Query the audit trail", Description = "Audit entries, oldest first, one page at a time.", Problems = [400])]
    [OpenApiQuery("from", "Entries at or after this time (ISO 8601).", Type = typeof(DateTimeOffset))]
    [OpenApiQuery("to", "Entries at or before this time (ISO 8601).", Type = typeof(DateTimeOffset))]
    [OpenApiQuery("resource", "Only entries about this resource.")]
    [OpenApiQuery("pageSize", "Entries per page.", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(AuditPage))]
    public async Task<IActionResult> Query(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var from = Time(req, "from", errors);
        var to = Time(req, "to", errors);
        var pageSize = 100;
        if (req.Query.TryGetValue("pageSize", out var size) && !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
        {
            errors.Add("pageSize", "must be a whole number.");
        }

        errors.ThrowIfAny();
        var continuation = req.Query.TryGetValue("continuationToken", out var token) ? token.ToString() : null;
        var resource = req.Query.TryGetValue("resource", out var r) ? r.ToString() : null;
        return new OkObjectResult(await audit.QueryAsync(new AuditQuery(from, to, resource, continuation, pageSize), cancellationToken));
    }

    [Function("AuditVerify")]
    [Access(Callers.Staff, Roles = [StaffRoles.Auditor])]
    [OpenApiOperation("Verify the audit chains", Description = "Verifies what was appended since the last checkpoint of every chain against the anchors; `headHash` is the combined root; `valid: false` names the chain and first broken position; `fullVerification` reports the last full re-verification.")]
    [OpenApiResponse(200, typeof(AuditVerification))]
    public async Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit/verify")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(await audit.VerifyAsync(cancellationToken));

    /// <summary>Starts the full re-verification (a queued job), or answers the one already queued or running: 202 with its status.</summary>
    [Function("AuditFullVerificationStart")]
    [Access(Callers.Staff, Roles = [StaffRoles.Auditor])]
    [OpenApiOperation("Start a full re-verification", Description = "Queues a job that walks every chain from its first entry against every anchor (or answers the job already queued or running); its result shows in `GET /api/audit/verify`.")]
    [OpenApiResponse(202, typeof(AuditFullVerificationStatus))]
    public async Task<IActionResult> StartFullVerification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "audit/verify")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var (status, _) = await fullVerification.StartAsync(req.Caller().Subject ?? "auditor", cancellationToken);
        return new AcceptedResult("/api/audit/verify", status);
    }

    [Function("AuditFullVerification")]
    public Task RunFullVerification(
        [QueueTrigger("%AuditVerificationQueue%", Connection = "AzureWebJobsStorage")] AuditVerificationMessage message,
        CancellationToken cancellationToken)
        // Thrown on purpose: a message that names no job (JSON of another shape) can only ever fail, so after the
        // host's retries it rests in the poison queue for an operator instead of passing for a stale slice.
        => string.IsNullOrEmpty(message?.JobId)
            ? throw new InvalidOperationException("The audit-verification queue message names no job.")
            : fullVerification.RunSliceAsync(message.JobId, cancellationToken);

    [Function("AuditAnchor")]
    public Task Anchor([TimerTrigger("%AuditAnchorSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => anchors.WriteAsync(cancellationToken);

    [Function("AuditCheckpoint")]
    public Task Checkpoint([TimerTrigger("%AuditCheckpointSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => anchors.AdvanceCheckpointsAsync(cancellationToken);

    private static DateTimeOffset? Time(HttpRequest req, string name, ValidationErrors errors)
    {
        if (!req.Query.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(name, "must be an ISO 8601 date and time.");
        return null;
    }
}
