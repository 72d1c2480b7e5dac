using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Idempotency;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Tests.Retention;

[Collection(GovernanceHostCollection.Name)]
public sealed class RetentionCleanupTests(GovernanceHostFixture fixture)
{
    private const string ProbeScope = "probe";

    private TimeSpan Retention => TimeSpan.FromDays(fixture.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.RetentionDays);

    private HttpRequestMessage Write(string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/probe/effects") { Content = JsonContent.Create(new { name, quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<(int Count, bool Replayed)> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var count = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32();
        return (count, response.Headers.Contains("Idempotent-Replayed"));
    }

    private async Task<bool> KeyExistsAsync(string partitionKey)
    {
        var row = await fixture.Tables.GetTableClient(TableNames.Idempotency).GetEntityIfExistsAsync<TableEntity>(partitionKey, "r");
        return row.HasValue;
    }

    private static string ProbeKey(string key)
        => IdempotencyStore.PartitionKeyFor(IdempotentOperations.CallerScope(ProbeScope, Caller.Anonymous), key);

    [Fact]
    public async Task Expired_keys_and_their_blobs_are_deleted_so_a_retry_runs_again_while_a_recent_key_still_replays()
    {
        var run = Guid.NewGuid().ToString("N");
        var oldKey = "old-" + run;
        var recentKey = "recent-" + run;
        Assert.Equal((1, false), await ReadAsync(await fixture.Client.SendAsync(Write("old-" + run, oldKey))));

        // A response too large for its row keeps its body in the idempotency-responses container.
        var store = fixture.Services.GetRequiredService<IdempotencyStore>();
        var largeScope = "retention-e2e";
        var large = new StoredResponse(201, "application/octet-stream", new byte[1024 * 1024]);
        await store.ExecuteAsync(largeScope, run, "hash", _ => Task.FromResult(large));
        var largeRow = (await fixture.Tables.GetTableClient(TableNames.Idempotency)
            .GetEntityAsync<TableEntity>(IdempotencyStore.PartitionKeyFor(largeScope, run), "r")).Value;
        var blob = fixture.Blobs.GetBlobContainerClient(ContainerNames.IdempotencyResponses).GetBlobClient(largeRow.GetString("BodyBlob"));
        Assert.True((await blob.ExistsAsync()).Value);

        fixture.Clock.Advance(Retention + TimeSpan.FromHours(1));
        Assert.Equal((1, false), await ReadAsync(await fixture.Client.SendAsync(Write("recent-" + run, recentKey))));

        var cleanup = await fixture.Client.PostAsJsonAsync("admin/functions/RetentionCleanup", new { input = "" });
        var again = await fixture.Client.PostAsJsonAsync("admin/functions/RetentionCleanup", new { input = "" });

        Assert.Equal(HttpStatusCode.Accepted, cleanup.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode); // a second run of the same occurrence is harmless
        Assert.False(await KeyExistsAsync(ProbeKey(oldKey)));
        Assert.False(await KeyExistsAsync(IdempotencyStore.PartitionKeyFor(largeScope, run)));
        Assert.False((await blob.ExistsAsync()).Value);
        Assert.True(await KeyExistsAsync(ProbeKey(recentKey)));

        Assert.Equal((2, false), await ReadAsync(await fixture.Client.SendAsync(Write("old-" + run, oldKey))));
        Assert.Equal((1, true), await ReadAsync(await fixture.Client.SendAsync(Write("recent-" + run, recentKey))));
    }
}
