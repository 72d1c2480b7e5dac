using Governance.Core.Claims;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class ClaimsTimers(RecourseService recourse)
{
    /// <summary>Opens recourse on paid claims and marks it overdue (notifying the developer) after the profile's days.</summary>
    [Function("RecourseOverdue")]
    public Task Recourse([TimerTrigger("%RecourseOverdueSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => recourse.SweepAsync(cancellationToken);
}
