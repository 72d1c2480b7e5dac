using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Apps;

/// <summary>One page of the app registry.</summary>
public sealed record AppPage(IReadOnlyList<AppRecord> Apps, string? ContinuationToken);

public sealed class AppsFunctions(AppRegistry registry, IdempotentPost idempotent)
{
    [Function("RegisterApp")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Register an app", Description = "Adds an app (`active`) to the registry that claims name.", IdempotencyKey = true)]
    [OpenApiBody(typeof(AppRegistration))]
    [OpenApiResponse(201, typeof(AppRecord))]
    public async Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "apps")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        var bytes = await RequestBody.ReadBytesAsync(req, 16 * 1024, requireJson: true, cancellationToken);
        var body = RequestBody.ParseJson<AppRegistration>(bytes);
        return await idempotent.ExecuteAsync(req, "app-register", bytes, async (operationId, ct) =>
        {
            var app = await registry.RegisterAsync(body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct);
            return ApiResponse.Created(app, $"/api/apps/{app.AppId}");
        }, cancellationToken);
    }

    [Function("ListApps")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("List registered apps", Description = "One page of the app registry; pass `continuationToken` back for the next.")]
    [OpenApiQuery("pageSize", "Apps per page (default 100).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(AppPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apps")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var pageSize = int.TryParse(req.Query["pageSize"], out var size) ? size : 100;
        var (apps, next) = await registry.ListAsync(req.Query["continuationToken"].FirstOrDefault(), pageSize, cancellationToken);
        return new OkObjectResult(new AppPage(apps, next));
    }

    [Function("GetApp")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read an app")]
    [OpenApiResponse(200, typeof(AppRecord))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apps/{appId}")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await registry.GetAsync(appId, cancellationToken));
}
