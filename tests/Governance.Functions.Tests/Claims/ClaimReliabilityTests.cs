using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Claims;
using Governance.Core.Ledger;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimReliabilityTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task Fifty_concurrent_deliveries_of_the_same_webhook_make_one_claim_and_one_posting()
    {
        var appId = await _driver.RegisterAppAsync();
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 4_000));
        var webhookId = ClaimsDriver.NewId("msg");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => DeliverUntilAnsweredAsync(body, webhookId)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        var claimIds = answers.Select(a => a.Body.GetProperty("claimId").GetString()).Distinct().ToList();
        var claimId = Assert.Single(claimIds)!;
        Assert.Single(answers.Select(a => a.Body.GetProperty("statusToken").GetString()).Distinct());
        await _driver.WaitSettledAsync(claimId);

        var claims = fixture.Tables.GetTableClient(TableNames.Claims);
        var rows = new List<TableEntity>();
        await foreach (var row in claims.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"claim"} and AppId eq {appId}")))
        {
            rows.Add(row);
        }

        Assert.Single(rows);
        Assert.Equal(5, (await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId))).Count);
        Assert.Equal(4, (await _driver.ClaimLedgerLinesAsync(claimId)).Count);
        Assert.Single(await _driver.ClaimEventsAsync(claimId, claimId));
        Assert.Single(await _driver.RecordedEventsAsync(claimId));
    }

    [Fact]
    public async Task Twenty_concurrent_different_deliveries_of_the_same_claim_make_one_claim()
    {
        var appId = await _driver.RegisterAppAsync();
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 4_000));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => DeliverUntilAnsweredAsync(body, ClaimsDriver.NewId("msg"))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Accepted);
        Assert.Equal(19, answers.Count(a => a.Status == HttpStatusCode.OK && a.Body.TryGetProperty("duplicateOf", out _)));
        var claimId = Assert.Single(answers.Select(a => a.Body.GetProperty("claimId").GetString()).Distinct())!;
        await _driver.WaitSettledAsync(claimId);
        Assert.Equal(4, (await _driver.ClaimLedgerLinesAsync(claimId)).Count);
    }

    [Fact]
    public async Task A_processor_crash_after_the_ledger_posting_is_finished_by_the_retry_without_a_second_posting()
    {
        var appId = await _driver.RegisterAppAsync();
        var services = fixture.Services;
        var claimId = await FileWithoutQueueingAsync(appId);

        var crashingLedger = new CrashAfterPostingLedger(services.GetRequiredService<ILedger>());
        var followUp = ActivatorUtilities.CreateInstance<ClaimFollowUp>(services, crashingLedger);
        var crashingProcessor = ActivatorUtilities.CreateInstance<ClaimProcessor>(services, followUp);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashingProcessor.ProcessAsync(claimId));

        var store = services.GetRequiredService<ClaimStore>();
        var interrupted = await store.GetAsync(claimId);
        Assert.Equal(ClaimStatus.Approved, interrupted!.GetStatus());
        Assert.True(interrupted.PendingWork);
        // The payout event committed with the approval, before the crash: the relay publishes it whatever happens next.
        Assert.Equal(claimId, Assert.Single(await _driver.RecordedEventsAsync(claimId)).GetProperty("id").GetString());
        Assert.Equal(5, (await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId))).Count);

        // The queue delivers the message again: the host's processor runs it.
        var queue = fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, StorageClaimQueue.QueueSetting));
        await queue.SendMessageAsync(JsonSerializer.Serialize(new { claimId }));

        var finished = await _driver.WaitSettledAsync(claimId);
        Assert.Equal(ClaimStatus.Approved, finished.GetStatus());
        Assert.Equal(5, (await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId))).Count);
        Assert.Equal(4, (await _driver.ClaimLedgerLinesAsync(claimId)).Count);
        Assert.Single(await _driver.ClaimEventsAsync(claimId, claimId));
        Assert.Single(await _driver.RecordedEventsAsync(claimId));
        var audit = await services.GetRequiredService<Governance.Core.Audit.IAuditLog>().QueryAsync(new(null, null, ClaimTransitions.Resource(claimId), null));
        Assert.Single(audit.Entries, e => e.Action == "claim.approved");
        Assert.Single(audit.Entries, e => e.Action == "claim.received");
    }

    [Fact]
    public async Task A_claim_stored_but_never_queued_is_queued_again_by_the_sweep()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await FileWithoutQueueingAsync(appId);
        await Task.Delay(500);
        Assert.Equal(ClaimStatus.Received, (await fixture.Services.GetRequiredService<ClaimStore>().GetAsync(claimId))!.GetStatus());

        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        using var sweep = await _driver.Client.PostAsync("admin/functions/ClaimsSweep", ClaimsDriver.Json(new { input = "" }));
        Assert.Equal(HttpStatusCode.Accepted, sweep.StatusCode);

        var claim = await _driver.WaitSettledAsync(claimId);
        Assert.Equal(ClaimStatus.Approved, claim.GetStatus());
        Assert.Equal(4, (await _driver.ClaimLedgerLinesAsync(claimId)).Count);
    }

    [Fact]
    public async Task A_poison_claim_message_never_blocks_the_others()
    {
        var appId = await _driver.RegisterAppAsync();
        var queueName = StorageCatalog.QueueName(fixture.Configuration, StorageClaimQueue.QueueSetting);
        var poisonPayload = "{\"claimId\":\"not-a-claim-" + Guid.NewGuid().ToString("N") + "\"}";
        await fixture.Queues.GetQueueClient(queueName).SendMessageAsync(poisonPayload);
        await fixture.Queues.GetQueueClient(queueName).SendMessageAsync("this is not json");

        var filed = new List<(string, string)>();
        for (var i = 0; i < 5; i++)
        {
            filed.Add(await _driver.FileNewAsync(ClaimsDriver.ClaimBody(appId, amount: 1_000 + i)));
        }

        foreach (var (claimId, token) in filed)
        {
            await _driver.WaitForStatusAsync(claimId, token, "approved");
        }

        var poison = fixture.Queues.GetQueueClient(StorageCatalog.PoisonQueueName(queueName));
        await Eventually.HoldsAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == poisonPayload),
            ClaimsDriver.Patience,
            "the bad claim message to reach the poison queue");
    }

    private async Task<string> FileWithoutQueueingAsync(string appId)
    {
        var services = fixture.Services;
        var intake = ActivatorUtilities.CreateInstance<ClaimIntakeService>(services, (IClaimQueue)new LostEnqueueQueue());
        var webhookId = ClaimsDriver.NewId("msg");
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 2_500));
        var webhook = JsonSerializer.Deserialize<ClaimWebhook>(body, Governance.Core.Json.GovernanceJson.Options)!;
        var response = await intake.FileAsync(webhookId, webhook, body, "http://localhost/api");
        Assert.Equal(202, response.StatusCode);
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("claimId").GetString()!;
    }

    /// <summary>A sender retries while the first delivery is still in flight (409 with Retry-After).</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> DeliverUntilAnsweredAsync(byte[] body, string webhookId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var answer = await _driver.FileAsync(body, webhookId);
            if (answer.Status != HttpStatusCode.Conflict)
            {
                return answer;
            }

            await Task.Delay(50 + Random.Shared.Next(50));
        }

        throw new TimeoutException("The webhook was never answered with anything but 409.");
    }

    private sealed class LostEnqueueQueue : IClaimQueue
    {
        public Task EnqueueAsync(string claimId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class SimulatedCrashException() : Exception("Simulated crash after the ledger posting.");

    /// <summary>Posts for real, then "crashes" before the processor can go on.</summary>
    private sealed class CrashAfterPostingLedger(ILedger inner) : ILedger
    {
        public async Task<bool> PostAsync(LedgerPosting posting, CancellationToken cancellationToken = default)
        {
            await inner.PostAsync(posting, cancellationToken);
            throw new SimulatedCrashException();
        }

        public Task<bool> IsPostedAsync(string postingId, CancellationToken cancellationToken = default) => inner.IsPostedAsync(postingId, cancellationToken);

        public Task<TrialBalance> GetTrialBalanceAsync(CancellationToken cancellationToken = default) => inner.GetTrialBalanceAsync(cancellationToken);

        public Task<IReadOnlyList<AccountBalance>> GetAccountAsync(string account, CancellationToken cancellationToken = default) => inner.GetAccountAsync(account, cancellationToken);
    }
}
