using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace Governance.Functions.Tests.Hosting;

/// <summary>What the probe functions saw; shared across invocations (each invocation gets a new function instance).</summary>
public static class ProbeRecorder
{
    public static ConcurrentQueue<(DateTime At, TimerInfo Info)> TimerRuns { get; } = new();

    public static ConcurrentDictionary<string, int> QueueAttempts { get; } = new();

    public static ConcurrentQueue<DateTime> StartupTimerRuns { get; } = new();

    private static int _burstRunning;
    private static int _burstPeak;

    public static int BurstPeak => Volatile.Read(ref _burstPeak);

    public static async Task RunBurstAsync(TimeSpan duration)
    {
        var running = Interlocked.Increment(ref _burstRunning);
        int peak;
        while (running > (peak = Volatile.Read(ref _burstPeak)) && Interlocked.CompareExchange(ref _burstPeak, running, peak) != peak)
        {
        }

        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            Interlocked.Decrement(ref _burstRunning);
        }
    }

    public static ConcurrentQueue<(string Payload, long DequeueCount, string MessageId)> QueueProcessed { get; } = new();
}

public sealed record ProbeItem(string Name, int Quantity);

/// <summary>Functions that exist only in the test assembly, to prove the local host's trigger handling.</summary>
public sealed class ProbeFunctions
{
    [Function("ProbeGetItem")]
    [Access(Callers.Anonymous)]
    public IActionResult GetItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/items/{id:int}")] HttpRequest req,
        int id,
        string? filter)
        => new OkObjectResult(new { id, filter, method = req.Method });

    [Function("ProbePutItem")]
    [Access(Callers.Anonymous)]
    public IActionResult PutItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", "patch", Route = "probe/items/{id}")] HttpRequest req,
        string id,
        [FromBody] ProbeItem item)
        => new OkObjectResult(new { id, item.Name, item.Quantity, method = req.Method });

    [Function("ProbeLimitedBody")]
    [Access(Callers.Anonymous)]
    public async Task<IResult> LimitedBody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "probe/limited")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var item = await RequestBody.ReadJsonAsync<ProbeItem>(req, limitBytes: 1024, cancellationToken);
        return Results.Created($"/api/probe/items/{item.Name}", item);
    }

    [Function("ProbeThrows")]
    [Access(Callers.Anonymous)]
    public IActionResult Throws([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/throws")] HttpRequest req)
        => throw new InvalidOperationException("secret internal detail: connection string xyz");

    [Function("ProbeTimer")]
    public void Timer([TimerTrigger("%ProbeTimerSchedule%")] TimerInfo timer)
        => ProbeRecorder.TimerRuns.Enqueue((DateTime.UtcNow, timer));

    /// <summary>Once a year, and once when the host starts.</summary>
    [Function("ProbeStartupTimer")]
    public void StartupTimer([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer)
        => ProbeRecorder.StartupTimerRuns.Enqueue(DateTime.UtcNow);

    [Function("ProbeQueue")]
    public async Task Queue([QueueTrigger("%ProbeQueue%", Connection = "AzureWebJobsStorage")] QueueMessage message)
    {
        var payload = message.Body.ToString();
        ProbeRecorder.QueueAttempts.AddOrUpdate(payload, 1, (_, n) => n + 1);
        if (payload.StartsWith("always-fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("This message always fails.");
        }

        if (payload.StartsWith("slow-", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        if (payload.StartsWith("burst-", StringComparison.Ordinal))
        {
            // "burst-{milliseconds}-{id}": staggered durations, so a batch finishes gradually.
            await ProbeRecorder.RunBurstAsync(TimeSpan.FromMilliseconds(int.Parse(payload.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        ProbeRecorder.QueueProcessed.Enqueue((payload, message.DequeueCount, message.MessageId));
    }
}

/// <summary>Two routes that overlap, named so that the parameter route sorts first, as in azure-functions-host#9876.</summary>
public sealed class ProbeRouteOrderFunctions
{
    [Function("ProbeRouteA_ById")]
    [Access(Callers.Anonymous)]
    public IActionResult ById([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/route/{id}")] HttpRequest req, string id)
        => new OkObjectResult(new { handler = "byId", id });

    [Function("ProbeRouteB_Recent")]
    [Access(Callers.Anonymous)]
    public IActionResult Recent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/route/recent")] HttpRequest req)
        => new OkObjectResult(new { handler = "recent" });

    [Function("ProbeRouteC_Post")]
    [Access(Callers.Anonymous)]
    public IActionResult Post([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "probe/route/recent")] HttpRequest req)
        => new OkObjectResult(new { handler = "post" });
}
