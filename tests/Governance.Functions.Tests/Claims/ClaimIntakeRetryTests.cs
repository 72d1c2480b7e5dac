using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Claims;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Storage;
using Governance.Functions.Claims;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>Review finding 1: a retried claim webhook never loses the status token, and a failed enqueue is not a 500.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimIntakeRetryTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _driver = new(fixture);

    [Fact]
    public async Task A_retry_whose_first_response_was_never_stored_gets_the_same_202_with_a_working_token()
    {
        var appId = await _driver.RegisterAppAsync();
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_500));
        var webhookId = ClaimsDriver.NewId("msg");
        var first = await _driver.FileAsync(body, webhookId);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);

        // The process died after storing the claim and before keeping the response: the key's row is gone.
        await ForgetIdempotencyKeyAsync(IdempotentOperations.SourceScope(ClaimWebhookFunction.Operation, ClaimIntakeService.WebhookSource), webhookId);
        var retry = await _driver.FileAsync(body, webhookId);

        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(first.Body.ToString(), retry.Body.ToString());
        var claimId = retry.Body.GetProperty("claimId").GetString()!;
        Assert.Equal(claimId, (await _driver.StatusAsync(claimId, retry.Body.GetProperty("statusToken").GetString()!)).GetProperty("claimId").GetString());

        // Another delivery of the same claim is still only a duplicate, without the token.
        var other = await _driver.FileAsync(body, ClaimsDriver.NewId("msg"));
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.False(other.Body.TryGetProperty("statusToken", out _));
    }

    [Fact]
    public async Task A_claim_stored_when_the_enqueue_fails_is_accepted_and_the_relay_queues_it_later()
    {
        var appId = await _driver.RegisterAppAsync();
        var queueDown = new FailingHandler(OwedWork.Handler(fixture, QueueFollowUp.Type), afterEffect: false);
        var intake = ActivatorUtilities.CreateInstance<ClaimIntakeService>(fixture.Services, OwedWork.StoreWith<Claim>(fixture, queueDown));
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_200));
        var webhook = JsonSerializer.Deserialize<ClaimWebhook>(body, GovernanceJson.Options)!;
        var webhookId = ClaimsDriver.NewId("msg");

        // The intake runs as the edge runs it for this delivery (same operation id), but the queue is down.
        var filed = await intake.FileAsync(webhook, webhookId, ClaimsDriver.IntakeOperationId(webhookId, body), fixture.Client.BaseAddress + "api");

        Assert.True(filed.Accepted);
        Assert.Equal(1, queueDown.Failed);
        var claimId = filed.Response.ClaimId;
        var token = filed.Response.StatusToken!;
        Assert.Equal("received", (await _driver.StatusAsync(claimId, token)).GetProperty("status").GetString());

        // The sender's retry finds its own claim and gets the same answer.
        var replay = await _driver.FileAsync(body, webhookId);
        Assert.Equal(HttpStatusCode.Accepted, replay.Status);
        Assert.Equal(token, replay.Body.GetProperty("statusToken").GetString());

        await OwedWork.RelayAgainAsync(fixture, _driver);
        Assert.Equal("approved", (await _driver.WaitForStatusAsync(claimId, token, "approved")).GetProperty("status").GetString());
        await _driver.WaitSettledAsync(claimId);
    }

    private async Task ForgetIdempotencyKeyAsync(string scope, string key)
    {
        var table = fixture.Tables.GetTableClient(TableNames.Idempotency);
        var partition = IdempotencyStore.PartitionKeyFor(scope, key);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }
}
