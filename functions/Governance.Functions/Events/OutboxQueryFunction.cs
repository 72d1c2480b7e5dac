using System.Globalization;
using Governance.Core.Events;
using Governance.Core.Security;
using Governance.Core.Validation;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Events;

/// <summary><c>GET /api/events/outbox?status=pending&amp;limit=N</c> (operator): events not yet published, oldest first.</summary>
public sealed class OutboxQueryFunction(PendingEventsQuery query)
{
    [Function("EventsOutbox")]
    [Access(Callers.Staff, Roles = [StaffRoles.Operator])]
    [OpenApiOperation("Events not yet published", Description = "Pending outbox events, oldest first.", Problems = [400])]
    [OpenApiQuery("status", "`pending` (the default).")]
    [OpenApiQuery("limit", "At most this many events.", Type = typeof(int))]
    [OpenApiResponse(200, typeof(PendingEventsPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events/outbox")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        int? limit = null;
        if (req.Query.TryGetValue("limit", out var rawLimit))
        {
            if (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                new ValidationErrors().Add("limit", "must be a whole number.").ThrowIfAny();
            }

            limit = parsed;
        }

        var status = req.Query.TryGetValue("status", out var rawStatus) ? rawStatus.ToString() : null;
        return new OkObjectResult(await query.ListAsync(status, limit, cancellationToken));
    }
}
