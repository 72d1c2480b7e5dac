using Governance.Core.Pricing.Scans;
using Governance.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Pricing;

/// <summary>
/// The background of a scan: the daily timer, the queue steps (a shard, the finalize step) and the consumer of
/// their poison queue. A step that fails is retried by the host; on its last delivery (host.json
/// <c>maxDequeueCount</c>) its error fails the scan before the message moves to the poison queue, and the poison
/// consumer fails the scan too when that could not happen (the process died on the last delivery), so a scan never
/// stays running for ever.
/// </summary>
public sealed class PricingScanStepFunctions(PricingScanService scans, ILogger<PricingScanStepFunctions> logger)
{
    private static readonly Lazy<int> MaxDequeueCount = new(() => HostJson.Load(AppContext.BaseDirectory).QueueMaxDequeueCount);

    /// <summary>Scans the previous UTC day; firing twice on a day finds that day's scan and starts nothing.</summary>
    [Function("PricingDailyScan")]
    public async Task Daily([TimerTrigger("%PricingScanSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var scan = await scans.StartDailyAsync(cancellationToken);
        logger.LogInformation("Daily pricing scan {ScanId} is {Status}.", scan.ScanId, scan.Status);
    }

    [Function("PricingScanStep")]
    public async Task Step(
        [QueueTrigger("%PricingScansQueue%", Connection = "AzureWebJobsStorage")] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        // Thrown on purpose: a message that is not a scan step can only ever fail; the poison consumer logs and drops it.
        var step = PricingScanMessage.TryParse(message) ?? throw new InvalidOperationException("The pricing-scans queue message is not a scan step.");
        try
        {
            await scans.RunAsync(step, cancellationToken);
        }
        catch (Exception ex) when (dequeueCount >= MaxDequeueCount.Value && ex is not OperationCanceledException)
        {
            await scans.FailAsync(step.ScanId, $"{step.Describe()} failed on each of its {dequeueCount} deliveries; last error: {ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }
    }

    [Function("PricingScanPoison")]
    public async Task Poison(
        [QueueTrigger("%PricingScansQueue%-poison", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (PricingScanMessage.TryParse(message) is not { } step)
        {
            logger.LogWarning("A message in the pricing-scans poison queue is not a scan step; dropped: {Message}", message.Length <= 200 ? message : message[..200]);
            return;
        }

        await scans.FailAsync(step.ScanId, $"{step.Describe()} kept failing and was moved to the poison queue.", cancellationToken);
    }
}
