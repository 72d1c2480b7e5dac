using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Claims;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Storage;
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
        await ForgetIdempotencyKeyAsync(ClaimIntakeService.IdempotencyScope, webhookId);
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
    public async Task A_claim_stored_when_the_enqueue_fails_is_accepted_and_the_sweep_queues_it()
    {
        var appId = await _driver.RegisterAppAsync();
        var intake = ActivatorUtilities.CreateInstance<ClaimIntakeService>(fixture.Services, (IClaimQueue)new FailingQueue());
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_200));
        var webhook = JsonSerializer.Deserialize<ClaimWebhook>(body, GovernanceJson.Options)!;
        var webhookId = ClaimsDriver.NewId("msg");

        var response = await intake.FileAsync(webhookId, webhook, body, fixture.Client.BaseAddress + "api");

        Assert.Equal(202, response.StatusCode);
        var accepted = JsonDocument.Parse(response.Body).RootElement;
        var claimId = accepted.GetProperty("claimId").GetString()!;
        var token = accepted.GetProperty("statusToken").GetString()!;
        Assert.Equal("received", (await _driver.StatusAsync(claimId, token)).GetProperty("status").GetString());

        // The sender's retry is answered from the stored response.
        var replay = await _driver.FileAsync(body, webhookId);
        Assert.Equal(HttpStatusCode.Accepted, replay.Status);
        Assert.Equal(token, replay.Body.GetProperty("statusToken").GetString());

        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await _driver.RunFunctionAsync("ClaimsSweep");
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

    private sealed class FailingQueue : IClaimQueue
    {
        public Task EnqueueAsync(string claimId, CancellationToken cancellationToken = default)
            => throw new Azure.RequestFailedException(503, "The queue service is unavailable.");
    }
}
