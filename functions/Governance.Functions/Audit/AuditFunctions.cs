using System.Globalization;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Audit;

public sealed class AuditFunctions(IAuditLog audit, AuditAnchorWriter anchors, AuditFullVerification fullVerification, ICallerAuthenticator authenticator)
{
    [Function("AuditQuery")]
    public async Task<IActionResult> Query(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        await authenticator.RequireStaffAsync(req.Headers.Authorization, [StaffRoles.Auditor], cancellationToken);
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
    public async Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit/verify")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        await authenticator.RequireStaffAsync(req.Headers.Authorization, [StaffRoles.Auditor], cancellationToken);
        return new OkObjectResult(await audit.VerifyAsync(cancellationToken));
    }

    /// <summary>Starts the full re-verification (a queued job), or answers the one already queued or running: 202 with its status.</summary>
    [Function("AuditFullVerificationStart")]
    public async Task<IActionResult> StartFullVerification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "audit/verify")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = await authenticator.RequireStaffAsync(req.Headers.Authorization, [StaffRoles.Auditor], cancellationToken);
        var (status, _) = await fullVerification.StartAsync(caller.Subject ?? "auditor", cancellationToken);
        return new AcceptedResult("/api/audit/verify", status);
    }

    [Function("AuditFullVerification")]
    public Task RunFullVerification(
        [QueueTrigger("%AuditVerificationQueue%", Connection = "AzureWebJobsStorage")] AuditVerificationMessage message,
        CancellationToken cancellationToken)
        => fullVerification.RunSliceAsync(message.JobId, cancellationToken);

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
