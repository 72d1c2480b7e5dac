using System.Net;
using System.Net.Http.Json;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Governance.Functions.Tests.Hosting;

[Collection(GovernanceHostCollection.Name)]
public sealed class TimerAndQueueTriggerTests(GovernanceHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private string QueueName => fixture.Configuration[ProbeSettings.Queue]!;

    [Fact]
    public async Task A_timer_fires_on_its_schedule_with_schedule_status()
    {
        var start = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var end = DateTime.UtcNow;

        // "*/1 * * * * *" is once a second: about four runs in four seconds, never two for the same second.
        var runs = ProbeRecorder.TimerRuns.Where(r => r.At >= start && r.At <= end).ToList();
        Assert.InRange(runs.Count, 2, 6);
        Assert.All(runs, r => Assert.True(r.Info.ScheduleStatus!.Next > r.Info.ScheduleStatus.Last));
        Assert.Equal(runs.Count, runs.Select(r => r.Info.ScheduleStatus!.Next).Distinct().Count());
    }

    [Fact]
    public async Task A_run_on_startup_timer_fires_once_when_the_host_starts()
    {
        await Eventually.HoldsAsync(() => !ProbeRecorder.StartupTimerRuns.IsEmpty, TimeSpan.FromSeconds(10), "the start-up run of a yearly timer");

        Assert.Single(ProbeRecorder.StartupTimerRuns);
        var served = Assert.Single(fixture.Host.Registry.Functions, f => f.Name == "ProbeStartupTimer");
        Assert.True(served.RunOnStartup);
    }

    [Fact]
    public async Task A_queue_message_is_processed_once_and_removed()
    {
        var payload = "item-" + Guid.NewGuid().ToString("N");
        var queue = fixture.Queues.GetQueueClient(QueueName);

        await queue.SendMessageAsync(payload);

        await Eventually.HoldsAsync(() => ProbeRecorder.QueueProcessed.Any(p => p.Payload == payload), Patience, "the probe queue function to receive the message");
        var processed = ProbeRecorder.QueueProcessed.Single(p => p.Payload == payload);
        Assert.Equal(1, processed.DequeueCount);
        await Task.Delay(1000);
        Assert.Equal(1, ProbeRecorder.QueueAttempts[payload]);
        var properties = await queue.GetPropertiesAsync();
        var peeked = await queue.PeekMessagesAsync(32);
        Assert.DoesNotContain(peeked.Value, m => m.Body.ToString() == payload);
        Assert.True(properties.Value.ApproximateMessagesCount >= 0);
    }

    [Fact]
    public async Task A_message_whose_function_outlasts_the_lease_is_kept_invisible_and_processed_once()
    {
        // The fixture's lease is 3 s; the function takes 5 s, so only renewal keeps the message from reappearing.
        var payload = "slow-" + Guid.NewGuid().ToString("N");

        var queue = fixture.Queues.GetQueueClient(QueueName);
        await queue.SendMessageAsync(payload);

        await Eventually.HoldsAsync(() => ProbeRecorder.QueueAttempts.ContainsKey(payload), Patience, "the slow message to start");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var duringRun = await queue.PeekMessagesAsync(32);
        Assert.DoesNotContain(duringRun.Value, m => m.Body.ToString() == payload);

        await Eventually.HoldsAsync(() => ProbeRecorder.QueueProcessed.Any(p => p.Payload == payload), Patience, "the slow message to be processed");
        Assert.Equal(1, ProbeRecorder.QueueAttempts[payload]);
    }

    [Fact]
    public async Task A_new_batch_is_fetched_once_in_flight_messages_drop_to_the_threshold_but_never_beyond_batch_plus_threshold()
    {
        // host.json: batchSize 16, newBatchThreshold 8, so at most 24 run at once, and more than 16 means a second batch.
        var queue = fixture.Queues.GetQueueClient(QueueName);
        var payloads = Enumerable.Range(0, 48).Select(i => $"burst-{1000 + (i % 4 * 1000)}-{Guid.NewGuid():N}").ToList();

        await Task.WhenAll(payloads.Select(p => queue.SendMessageAsync(p)));

        await Eventually.HoldsAsync(() => payloads.All(p => ProbeRecorder.QueueProcessed.Any(q => q.Payload == p)), Patience, "all burst messages to be processed");
        Assert.InRange(ProbeRecorder.BurstPeak, 17, 24);
    }

    [Fact]
    public async Task A_message_that_always_fails_lands_in_poison_after_five_dequeues_and_is_never_processed_again()
    {
        var payload = "always-fail-" + Guid.NewGuid().ToString("N");
        var poison = fixture.Queues.GetQueueClient(StorageCatalog.PoisonQueueName(QueueName));

        await fixture.Queues.GetQueueClient(QueueName).SendMessageAsync(payload);

        await Eventually.HoldsAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == payload),
            Patience,
            "the failing message to reach the poison queue");
        Assert.Equal(5, ProbeRecorder.QueueAttempts[payload]);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(5, ProbeRecorder.QueueAttempts[payload]);
        var stillQueued = await fixture.Queues.GetQueueClient(QueueName).PeekMessagesAsync(32);
        Assert.DoesNotContain(stillQueued.Value, m => m.Body.ToString() == payload);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_is_poisoned_not_processed()
    {
        var payload = "not base64 at all! " + Guid.NewGuid().ToString("N");
        var raw = new Azure.Storage.Queues.QueueClient(fixture.StorageConnectionString, QueueName);
        var rawPoison = new Azure.Storage.Queues.QueueClient(fixture.StorageConnectionString, StorageCatalog.PoisonQueueName(QueueName));

        await raw.SendMessageAsync(payload);

        await Eventually.HoldsAsync(
            async () => (await rawPoison.PeekMessagesAsync(32)).Value.Any(m => m.MessageText == payload),
            Patience,
            "the undecodable message to reach the poison queue unchanged");
        Assert.False(ProbeRecorder.QueueAttempts.ContainsKey(payload));
    }

    [Fact]
    public async Task The_admin_endpoint_runs_a_queue_function_now_and_reports_a_failure()
    {
        var payload = "manual-" + Guid.NewGuid().ToString("N");

        var ok = await fixture.Client.PostAsJsonAsync("admin/functions/ProbeQueue", new { input = payload });
        var failing = await fixture.Client.PostAsJsonAsync("admin/functions/ProbeQueue", new { input = "always-fail-" + payload });
        var unknown = await fixture.Client.PostAsJsonAsync("admin/functions/NoSuchFunction", new { input = "x" });

        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Contains(ProbeRecorder.QueueProcessed, p => p.Payload == payload);
        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
