using Governance.Core.Audit;
using Governance.Core.Compliance.Incidents;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Compliance;

/// <summary>Incidents with the deadlines the profile gives them, counting down, and what was done about them.</summary>
public sealed class IncidentFunctions(IncidentService incidents, IdempotentPost idempotent)
{
    [Function("RecordIncident")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Record an incident", Description = "Computes every deadline that applies from the active profile (severity, the operator type of the platform profile, the data touched) and returns them counting down.", IdempotencyKey = true)]
    [OpenApiBody(typeof(IncidentRequest))]
    [OpenApiResponse(201, typeof(IncidentView))]
    public async Task<IActionResult> Record(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "incidents")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<IncidentRequest>(req, "incident-record", 32 * 1024, async (body, operationId, ct) =>
        {
            var incident = await incidents.CreateAsync(body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct);
            return ApiResponse.Created(incident, $"/api/incidents/{incident.IncidentId}");
        }, cancellationToken);
    }

    [Function("ListIncidents")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("List incidents", Description = "By detection time, oldest first.")]
    [OpenApiQuery("pageSize", "Incidents per page (default 50, at most 100).", Type = typeof(int))]
    [OpenApiQuery("continuationToken", "The token of the previous page.")]
    [OpenApiResponse(200, typeof(IncidentPage))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "incidents")] HttpRequest req,
        CancellationToken cancellationToken)
        => new OkObjectResult(await incidents.ListAsync(ComplianceQuery.Token(req), ComplianceQuery.PageSize(req), cancellationToken));

    [Function("GetIncident")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator, StaffRoles.Auditor])]
    [OpenApiOperation("Read an incident", Description = "Its deadlines with status `open`, `met` or `missed` at the time of the request.")]
    [OpenApiResponse(200, typeof(IncidentView))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "incidents/{incidentId}")] HttpRequest req,
        string incidentId,
        CancellationToken cancellationToken)
        => new OkObjectResult(await incidents.GetAsync(incidentId, cancellationToken));

    [Function("RecordIncidentAction")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Record what was done about an incident", Description = "`containment` starts the deadlines that run from containment; a `report` meets the reporting deadlines and a `notification` the notification deadline that had started by `at` (or only the `duty` named).", Problems = [409], IdempotencyKey = true)]
    [OpenApiBody(typeof(IncidentActionRequest))]
    [OpenApiResponse(201, typeof(IncidentView))]
    public async Task<IActionResult> AddAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "incidents/{incidentId}/actions")] HttpRequest req,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var caller = req.Caller();
        return await idempotent.ExecuteJsonAsync<IncidentActionRequest>(req, "incident-action", 16 * 1024, async (body, operationId, ct) =>
            ApiResponse.Created(await incidents.AddActionAsync(incidentId, body, AuditActor.From(caller, StaffRoles.Operator), operationId, ct), $"/api/incidents/{incidentId}"),
            cancellationToken);
    }
}
