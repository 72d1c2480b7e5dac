using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Events;

/// <summary>The outbox relay's two triggers: the post-commit nudge (queue) and the sweep that catches what nudges miss (timer).</summary>
public sealed class OutboxRelayFunctions(OutboxRelay relay, ILogger<OutboxRelayFunctions> logger)
{
    [Function("OutboxRelayNudge")]
    public async Task Nudge(
        [QueueTrigger("%OutboxRelayQueue%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<RelayRequest>(message, GovernanceJson.Options)
            ?? throw new InvalidOperationException("Outbox relay message is JSON null.");
        await relay.RelayPartitionAsync(request.Table, request.PartitionKey, cancellationToken);
    }

    [Function("OutboxRelaySweep")]
    public async Task Sweep(
        [TimerTrigger("%OutboxRelaySchedule%")] TimerInfo timer,
        CancellationToken cancellationToken)
    {
        var result = await relay.SweepAsync(cancellationToken);
        if (result.Stalled > 0)
        {
            logger.LogWarning("Outbox sweep: {Partitions} partitions, {Published} events published, {Stalled} partitions waiting on a failed event.",
                result.Partitions, result.Published, result.Stalled);
        }
    }
}
