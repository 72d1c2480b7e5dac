using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Governance.Functions.Tests.Onboarding;
using Governance.Functions.Tests.Pricing;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// Poison in every queue of <see cref="StorageCatalog"/>: text that is not JSON, JSON with only unknown fields, and
/// well-formed messages about a claim, request, scan, delivery, partition or job that does not exist, mixed before,
/// between and after good work. Each poison message ends in its poison queue or is dropped with a log line naming
/// it; the good work finishes; nothing takes effect twice.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
[Trait("Category", "Faults")]
public sealed class PoisonMessageFaultTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _claims = new(fixture);
    private readonly OnboardingDriver _onboarding = new(fixture);
    private readonly PricingApi _pricing = new(fixture);

    private sealed record Poison(string Setting, string Marker, string Text, bool Harmless = false);

    [Fact]
    public async Task Poison_messages_in_every_queue_end_in_the_poison_queue_or_a_log_and_never_block_or_repeat_good_work()
    {
        using var receiver = new CallbackReceiver();
        var developer = await _onboarding.DeveloperAsync(receiver.Url);
        var appId = await _claims.RegisterAppAsync();

        var first = PoisonBatch();
        await SendAsync(first);
        var claimIds = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            claimIds.Add((await _claims.FileNewAsync(ClaimsDriver.ClaimBody(appId, 800 + i))).ClaimId);
        }

        var requestId = await _onboarding.SubmitAcceptedAsync(developer.ApiKey, OnboardingDriver.Manifest("Poison Proof Delivery"), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish));
        var now = fixture.Clock.GetUtcNow();
        var scanId = await _pricing.StartScanAsync(now.AddDays(-3), now.AddDays(-2));

        // A second batch behind the good work, with valid messages for the good claims that carry unknown fields:
        // processing them again must change nothing.
        var second = PoisonBatch();
        await SendAsync(second);
        var claimsQueue = Queue(ClaimProcessor.QueueSetting);
        foreach (var claimId in claimIds)
        {
            await claimsQueue.SendMessageAsync(JsonSerializer.Serialize(new { claimId, unexpected = new { nested = true }, retry = 99 }));
        }

        // The good work finishes.
        var checks = fixture.FaultChecks();
        await checks.AssertPaidExactlyOnceAsync(claimIds);
        foreach (var claimId in claimIds)
        {
            Assert.Single(await _claims.ClaimEventsAsync(claimId, claimId));
        }

        var decided = await _onboarding.WaitForDecisionAsync(requestId, developer.ApiKey);
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        await _onboarding.VerifiedCallbackAsync(receiver, developer, "onboarding.decided");
        Assert.Equal("completed", (await _pricing.WaitUntilOverAsync(scanId)).GetProperty("status").GetString());
        await checks.AssertAllAsync(claimIds, [requestId], [scanId], fullAuditVerification: true);

        // Every consumed queue empties: no poison message is left circling. (The callbacks queue is left out on the
        // shared host: other tests' deliveries to receivers they have closed wait there, invisible, for their backoff.)
        await checks.WaitForQueuesDrainedAsync(settings: s => s != "CallbacksQueue");

        // Each poison message is accounted for: in its poison queue, or named in the log of the handler that dropped
        // it. A relay nudge for a partition of a real table that owes nothing is not poison: nudges are hints, one for
        // a partition already relayed is routine, and its effect (none) is what the drained queue shows.
        var outstanding = first.Concat(second).Where(p => !p.Harmless).ToList();
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (outstanding.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var setting in outstanding.Select(p => p.Setting).Distinct().ToList())
            {
                var queueName = StorageCatalog.QueueName(fixture.Configuration, setting);
                // The app only writes the events queue; its consumers (here, this test) take what they cannot read.
                var holder = setting == StorageQueueEventPublisher.QueueSetting ? Queue(setting) : fixture.Queues.GetQueueClient(StorageCatalog.PoisonQueueName(queueName));
                var found = await TakeAsync(holder, outstanding.Where(p => p.Setting == setting).ToList(), seen);
                outstanding.RemoveAll(found.Contains);
            }

            outstanding.RemoveAll(p => fixture.Logs.Mentions(p.Marker));
            await Task.Delay(250);
        }

        Assert.True(outstanding.Count == 0, "poison messages neither in a poison queue nor in a log:\n" + string.Join('\n', outstanding.Select(p => $"{p.Setting}: {p.Text}"))
            + "\nseen in the poison queues: " + string.Join(" | ", seen.Distinct().Take(40)));
    }

    /// <summary>Three kinds of poison for each queue, each carrying a marker a log line or a poison queue can be searched for.</summary>
    private IReadOnlyList<Poison> PoisonBatch()
    {
        string M() => Guid.NewGuid().ToString("N");
        var unknownClaim = ClaimKeys.IdPrefix + M();
        var batch = new List<Poison>();
        foreach (var queue in StorageCatalog.Queues)
        {
            var marker = M();
            batch.Add(new(queue.Setting, marker, "{not json " + marker));
            var unknownFields = M();
            batch.Add(new(queue.Setting, unknownFields, JsonSerializer.Serialize(new { surprise = unknownFields, nested = new { deeper = new[] { 1, 2 } } })));
        }

        var scan = "scan-" + M();
        var delivery = "delivery-" + M();
        var job = "job-" + M();
        var request = "obr_" + M();
        var partition = "clm_" + M();
        batch.AddRange(
        [
            new(ClaimProcessor.QueueSetting, unknownClaim, JsonSerializer.Serialize(new { claimId = unknownClaim })),
            new("OnboardingQueue", request, JsonSerializer.Serialize(new { requestId = request })),
            new("PricingScansQueue", scan, JsonSerializer.Serialize(new { scanId = scan, step = "shard", shard = 0 })),
            new("CallbacksQueue", delivery, JsonSerializer.Serialize(new { deliveryId = delivery, ownerId = "dev_" + delivery, endpointId = "callback", eventType = "onboarding.decided", payloadJson = "{}", createdAt = fixture.Clock.GetUtcNow(), attempt = 1 })),
            new("OutboxRelayQueue", partition, JsonSerializer.Serialize(new { table = TableNames.Claims, partitionKey = partition }), Harmless: true),
            new("OutboxRelayQueue", "NoSuchTable" + partition[4..], JsonSerializer.Serialize(new { table = "NoSuchTable" + partition[4..], partitionKey = "x" })),
            new("AuditVerificationQueue", job, JsonSerializer.Serialize(new { jobId = job })),
        ]);
        return batch;
    }

    private QueueClient Queue(string setting) => fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, setting));

    private async Task SendAsync(IEnumerable<Poison> batch)
    {
        foreach (var poison in batch)
        {
            await Queue(poison.Setting).SendMessageAsync(poison.Text);
        }
    }

    /// <summary>Takes (and deletes) the given messages from a queue; others become visible again after a moment.</summary>
    private static async Task<List<Poison>> TakeAsync(QueueClient queue, IReadOnlyList<Poison> wanted, List<string> seen)
    {
        var found = new List<Poison>();
        if (!(await queue.ExistsAsync()).Value)
        {
            return found;
        }

        for (var round = 0; round < 10; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                var text = Text(message.Body);
                seen.Add(queue.Name + ": " + text[..Math.Min(80, text.Length)]);
                if (wanted.FirstOrDefault(p => p.Text == text) is { } poison)
                {
                    found.Add(poison);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }

        return found;
    }

    /// <summary>The app's queue clients write base64 (as the trigger expects); the host's poison mover copies the text.</summary>
    private static string Text(BinaryData body)
    {
        var raw = body.ToString();
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        }
        catch (FormatException)
        {
            return raw;
        }
    }
}
