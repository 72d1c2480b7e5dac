using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Hosting;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Events;

[Collection(GovernanceHostCollection.Name)]
public sealed class OutboxQueryEndpointTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task An_operator_sees_an_unpublished_event_until_the_relay_sends_it()
    {
        var partition = "it-" + Guid.NewGuid().ToString("N");
        var outboxTable = fixture.Tables.GetTableClient(TableNames.Outbox);
        var lease = new TableEntity(OutboxKeys.LeasePartition, OutboxKeys.LeaseRowKey(TableNames.Claims, partition))
        {
            ["LeasedUntil"] = fixture.Clock.GetUtcNow().AddHours(1),
        };
        await outboxTable.AddEntityAsync(lease); // as if a relay had died holding the partition
        var held = DomainEvent.Create(EventTypes.AppSuspended, EventSources.Apps, partition, new { appId = partition, reason = "test" },
            fixture.Clock.GetUtcNow(), subject: partition, id: "held-" + partition);
        await fixture.Services.GetRequiredService<IEventOutbox>().CommitAsync(
            TableNames.Claims, partition, [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "state"))], [held]);

        await HttpBindingTests.AssertProblemAsync(await fixture.Client.SendAsync(Get("api/events/outbox?status=pending")), HttpStatusCode.Unauthorized);
        await HttpBindingTests.AssertProblemAsync(
            await fixture.Client.SendAsync(Get("api/events/outbox?status=pending").AsStaff(fixture, StaffRoles.Auditor)), HttpStatusCode.Forbidden);
        var badStatus = await fixture.Client.SendAsync(Get("api/events/outbox?status=sent").AsStaff(fixture, StaffRoles.Operator));
        await HttpBindingTests.AssertProblemAsync(badStatus, HttpStatusCode.BadRequest);

        var listed = await PendingIdsAsync();
        Assert.Contains(held.Id, listed);

        await outboxTable.DeleteEntityAsync(lease.PartitionKey, lease.RowKey);
        await EventsQueueReader.CollectAsync(
            fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, StorageQueueEventPublisher.QueueSetting)),
            e => e.Id == held.Id, r => r.Count == 1, TimeSpan.FromSeconds(60));
        await Eventually.HoldsAsync(async () => !(await PendingIdsAsync()).Contains(held.Id), TimeSpan.FromSeconds(30), "the sent event to leave the pending list");
    }

    private async Task<List<string>> PendingIdsAsync()
    {
        var response = await fixture.Client.SendAsync(Get("api/events/outbox?status=pending&limit=1000").AsStaff(fixture, StaffRoles.Operator));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("total").GetInt32() >= 0);
        return body.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()!).ToList();
    }
}
