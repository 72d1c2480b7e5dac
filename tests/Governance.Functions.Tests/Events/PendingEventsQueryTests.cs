using Azure.Messaging.ServiceBus;
using Governance.Core.Events;
using Governance.Core.Problems;
using Governance.Functions.Tests.Infrastructure;
using Moq;

namespace Governance.Functions.Tests.Events;

[Collection(AzuriteTablesCollection.Name)]
public sealed class PendingEventsQueryTests(AzuriteTablesFixture azurite)
{
    [Fact]
    public async Task Lists_unsent_events_oldest_first_with_their_failures_and_not_sent_ones()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        harness.Sender.Setup(s => s.SendMessageAsync(It.Is<ServiceBusMessage>(m => m.MessageId == "stuck"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException(false, "topic not found", "governance-events", ServiceBusFailureReason.MessagingEntityNotFound));
        await harness.CommitAsync("c1", "s", OutboxHarness.Event("done", "c1"));
        await harness.Relay.SweepAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.CommitAsync("c2", "s", OutboxHarness.Event("stuck", "c2"));
        await harness.CommitAsync("c2", "s2", OutboxHarness.Event("behind", "c2"));
        await harness.Relay.SweepAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.CommitAsync("c1", "s2", OutboxHarness.Event("fresh", "c1"));

        var page = await new PendingEventsQuery(harness.Store).ListAsync("pending", null);

        Assert.Equal(["stuck", "behind", "fresh"], page.Items.Select(e => e.EventId));
        Assert.Equal(3, page.Total);
        Assert.False(page.Truncated);
        var stuck = page.Items[0];
        Assert.Equal(1, stuck.Attempts);
        Assert.Contains("topic not found", stuck.LastError, StringComparison.Ordinal);
        Assert.NotNull(stuck.NextAttemptAt);
        Assert.Equal(("Claims", "c2", 1L), (stuck.Table, stuck.PartitionKey, stuck.Sequence));
        Assert.Equal(0, page.Items[1].Attempts);
        Assert.Null(page.Items[1].LastError);
    }

    [Fact]
    public async Task Limit_truncates_the_page()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        for (var i = 0; i < 3; i++)
        {
            await harness.CommitAsync($"c{i}", "s", OutboxHarness.Event($"e{i}", $"c{i}"));
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await new PendingEventsQuery(harness.Store).ListAsync(null, 2);

        Assert.Equal(["e0", "e1"], page.Items.Select(e => e.EventId));
        Assert.Equal(3, page.Total);
        Assert.True(page.Truncated);
    }

    [Theory]
    [InlineData("sent", null, "status")]
    [InlineData("PENDING", null, "status")]
    [InlineData("pending", 0, "limit")]
    [InlineData("pending", 1001, "limit")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string status, int? limit, string field)
    {
        var query = new PendingEventsQuery(new OutboxHarness(azurite.NewTables()).Store);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => query.ListAsync(status, limit));

        Assert.Equal(400, problem.Status);
        Assert.True(problem.Errors!.ContainsKey(field));
    }
}
