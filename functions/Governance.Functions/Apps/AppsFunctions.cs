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

/// <summary>Body of <c>POST /api/apps/{appId}/suspend</c> and <c>/reinstate</c>.</summary>
public sealed record AppStatusChange(string? Reason);

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
        return await idempotent.ExecuteJsonAsync<AppRegistration>(req, "app-register", 16 * 1024, async (body, operationId, ct) =>
        {
            var app = await registry.RegisterAsync(body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct);
            return ApiResponse.Created(app, $"/api/apps/{app.AppId}");
        }, cancellationToken);
    }

    [Function("SuspendApp")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Suspend an app", Description = "`{reason}`: the app becomes `suspended` and `governance.app.suspended` is published; an app already suspended is a 409.", Problems = [409], IdempotencyKey = true)]
    [OpenApiBody(typeof(AppStatusChange))]
    [OpenApiResponse(200, typeof(AppRecord))]
    public async Task<IActionResult> Suspend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "apps/{appId}/suspend")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<AppStatusChange>(req, "app-suspend", 16 * 1024, async (body, _, ct) =>
            ApiResponse.Ok(await registry.SuspendAsync(appId, body.Reason!, rule: null, AuditActor.From(caller, StaffRoles.Operator), ct)), cancellationToken);
    }

    [Function("ReinstateApp")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Reinstate a suspended app", Description = "`{reason}`: the app becomes `active` again; an app that is not suspended is a 409.", Problems = [409], IdempotencyKey = true)]
    [OpenApiBody(typeof(AppStatusChange))]
    [OpenApiResponse(200, typeof(AppRecord))]
    public async Task<IActionResult> Reinstate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "apps/{appId}/reinstate")] HttpRequest req,
        string appId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<AppStatusChange>(req, "app-reinstate", 16 * 1024, async (body, _, ct) =>
            ApiResponse.Ok(await registry.ReinstateAsync(appId, body.Reason!, AuditActor.From(caller, StaffRoles.Operator), ct)), cancellationToken);
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
