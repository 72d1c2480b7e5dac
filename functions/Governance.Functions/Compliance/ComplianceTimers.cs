using Governance.Core.Compliance.Exports;
using Governance.Core.Compliance.Incidents;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Compliance;

public sealed class ComplianceTimers(ExportService exports, IncidentService incidents)
{
    /// <summary>Flags export approvals that expire within the profile's window and expires those whose time is up (from the due rows).</summary>
    [Function("ExportExpiry")]
    public Task ExportExpiry([TimerTrigger("%ExportExpirySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => exports.RunExpiryAsync(cancellationToken);

    /// <summary>Raises <c>governance.incident.deadline_approaching</c> and <c>deadline_missed</c> through the outbox, once per incident and deadline.</summary>
    [Function("IncidentDeadlines")]
    public Task IncidentDeadlines([TimerTrigger("%IncidentDeadlineSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => incidents.RaiseDueAlertsAsync(cancellationToken);
}
