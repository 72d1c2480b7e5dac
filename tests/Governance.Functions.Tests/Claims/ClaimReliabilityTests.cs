using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Claims;
using Governance.Core.Events;
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
    public async Task A_crash_after_the_ledger_posting_is_finished_by_the_retry_without_a_second_posting()
    {
        var appId = await _driver.RegisterAppAsync();
        var services = fixture.Services;
        var claimId = await FileHeldAsync(appId);

        // The decision commits; its relay posts the approval and "crashes" before marking that follow-up done.
        var crashing = new FailingHandler(OwedWork.Handler(fixture, LedgerFollowUp.Type), afterEffect: true);
        var processor = ActivatorUtilities.CreateInstance<ClaimProcessor>(services, OwedWork.StoreWith<Claim>(fixture, crashing));
        await processor.ProcessAsync(claimId);

        Assert.Equal(1, crashing.Failed);
        var interrupted = (await services.GetRequiredService<AggregateStore<Claim>>().FindAsync(claimId))!.State;
        Assert.Equal(ClaimStatus.Approved, interrupted.Status);
        Assert.NotEmpty(await _driver.PendingOutboxRowsAsync(claimId));
        // The payout event committed with the approval, before the crash: the relay publishes it whatever happens next.
        Assert.Equal(claimId, Assert.Single(await _driver.RecordedEventsAsync(claimId)).GetProperty("id").GetString());
        Assert.Equal(5, (await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId))).Count);

        // The relay runs what is still owed again: the posting is found made, and the rest runs once.
        await OwedWork.RelayAgainAsync(fixture, _driver);

        var finished = await _driver.WaitSettledAsync(claimId);
        Assert.Equal(ClaimStatus.Approved, finished.Status);
        Assert.Equal(5, (await _driver.PostingRowsAsync(ClaimPostings.ApprovalId(claimId))).Count);
        Assert.Equal(4, (await _driver.ClaimLedgerLinesAsync(claimId)).Count);
        Assert.Single(await _driver.ClaimEventsAsync(claimId, claimId));
        Assert.Single(await _driver.RecordedEventsAsync(claimId));
        var audit = await services.GetRequiredService<Governance.Core.Audit.IAuditLog>().QueryAsync(new(null, null, Claim.Resource(claimId), null));
        Assert.Single(audit.Entries, e => e.Action == "claim.approved");
        Assert.Single(audit.Entries, e => e.Action == "claim.received");
    }

    [Fact]
    public async Task A_claim_stored_while_its_queue_was_down_is_queued_by_the_relay_later()
    {
        var appId = await _driver.RegisterAppAsync();
        var queueDown = new FailingHandler(OwedWork.Handler(fixture, QueueFollowUp.Type), afterEffect: false);
        var claimId = await FileWithAsync(appId, queueDown);

        Assert.Equal(1, queueDown.Failed);
        await Task.Delay(500);
        Assert.Equal(ClaimStatus.Received, (await fixture.Services.GetRequiredService<AggregateStore<Claim>>().FindAsync(claimId))!.State.Status);
        Assert.NotEmpty(await _driver.PendingOutboxRowsAsync(claimId));

        await OwedWork.RelayAgainAsync(fixture, _driver);

        var claim = await _driver.WaitSettledAsync(claimId);
        Assert.Equal(ClaimStatus.Approved, claim.Status);
        Assert.Equal(4, (await _driver.ClaimLedgerLinesAsync(claimId)).Count);
    }

    [Fact]
    public async Task A_poison_claim_message_never_blocks_the_others()
    {
        var appId = await _driver.RegisterAppAsync();
        var queueName = StorageCatalog.QueueName(fixture.Configuration, ClaimProcessor.QueueSetting);
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

    /// <summary>Files a claim whose processing message is held back (never sent), so only the test processes it.</summary>
    private Task<string> FileHeldAsync(string appId) => FileWithAsync(appId, new HeldQueue());

    private async Task<string> FileWithAsync(string appId, IFollowUpHandler queueHandler)
    {
        var filed = await _driver.FileThroughAsync(OwedWork.StoreWith<Claim>(fixture, queueHandler), appId);
        Assert.True(filed.Accepted);
        return filed.Response.ClaimId;
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
}
