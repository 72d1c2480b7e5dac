using Governance.Core.Claims;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Claims;

public sealed class ClaimsTimers(ClaimSweeper sweeper, RecourseService recourse)
{
    /// <summary>Queues claims whose enqueue was lost and completes interrupted follow-ups.</summary>
    [Function("ClaimsSweep")]
    public Task Sweep([TimerTrigger("%ClaimsSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => sweeper.SweepAsync(cancellationToken);

    /// <summary>Opens recourse on paid claims and marks it overdue (notifying the developer) after the profile's days.</summary>
    [Function("RecourseOverdue")]
    public Task Recourse([TimerTrigger("%RecourseOverdueSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => recourse.SweepAsync(cancellationToken);
}
