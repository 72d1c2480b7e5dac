using Azure.Data.Tables;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Moq;

namespace Governance.Functions.Tests.Events;

[Collection(AzuriteTablesCollection.Name)]
public sealed class EventOutboxTests(AzuriteTablesFixture azurite)
{
    private const string Table = OutboxHarness.Table;

    [Fact]
    public async Task State_change_and_its_events_commit_in_one_batch_of_the_aggregate_partition()
    {
        var harness = new OutboxHarness(azurite.NewTables());

        var responses = await harness.Outbox.CommitAsync(
            Table, "c1",
            [OutboxHarness.StateAction("c1", "approved", null)],
            [OutboxHarness.Event("e1", "c1"), OutboxHarness.Event("e2", "c1")]);

        Assert.Single(responses);
        var rows = harness.Rows(Table, "c1");
        Assert.Equal(["outbox|e|0000000000000000001", "outbox|e|0000000000000000002", "outbox|head", "state"], rows.Select(r => r.RowKey));
        Assert.Equal(3L, rows[2].GetInt64("NextSequence"));
        Assert.All(rows.Take(2), r => Assert.Equal("pending", r.GetString("Status")));
        Assert.Equal(["e1", "e2"], rows.Take(2).Select(r => r.GetString("EventId")));

        var index = Assert.Single(harness.IndexRows());
        Assert.Equal(Table, index.GetString("Table"));
        Assert.Equal("c1", index.GetString("AggregatePartition"));
        Assert.Equal(1L, index.GetInt64("FirstSequence"));
        Assert.Equal(2L, index.GetInt64("LastSequence"));
    }

    [Fact]
    public async Task Index_note_is_written_before_the_batch_is_submitted()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var order = new List<string>();
        foreach (var table in new[] { Table, TableNames.Outbox })
        {
            harness.Tables.Table(table).BeforeWrite = operation =>
            {
                order.Add($"{operation}:{table}");
                return Task.CompletedTask;
            };
        }

        await harness.Outbox.CommitAsync(Table, "c1", [OutboxHarness.StateAction("c1", "approved", null)], [OutboxHarness.Event("e1", "c1")]);

        Assert.Equal([$"add:{TableNames.Outbox}", $"transaction:{Table}"], order);
    }

    [Fact]
    public async Task Sequences_continue_from_the_partition_head()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"), OutboxHarness.Event("e2", "c1"));
        var batch = new List<TableTransactionAction>();

        var enlistment = await harness.Outbox.EnlistAsync(Table, "c1", batch, [OutboxHarness.Event("e3", "c1")]);

        Assert.Equal((3L, 3L), (enlistment.FirstSequence, enlistment.LastSequence));
        Assert.Equal(TableTransactionActionType.UpdateReplace, batch[^1].ActionType);
        Assert.Equal(OutboxKeys.HeadRowKey, batch[^1].Entity.RowKey);
    }

    [Fact]
    public async Task Commit_without_events_is_a_plain_batch()
    {
        var harness = new OutboxHarness(azurite.NewTables());

        await harness.Outbox.CommitAsync(Table, "c1", [OutboxHarness.StateAction("c1", "received", null)], []);

        Assert.Equal(["state"], harness.Rows(Table, "c1").Select(r => r.RowKey));
        Assert.Empty(harness.IndexRows());
        harness.Trigger.Verify(t => t.RequestAsync(It.IsAny<RelayRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Nudge_failure_does_not_fail_the_commit()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        harness.Trigger.Setup(t => t.RequestAsync(It.IsAny<RelayRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());

        await harness.Outbox.CommitAsync(Table, "c1", [OutboxHarness.StateAction("c1", "approved", null)], [OutboxHarness.Event("e1", "c1")]);

        Assert.Single(harness.EventRows("c1"));
    }

    [Fact]
    public async Task Batch_actions_on_another_partition_are_refused_before_anything_is_written()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var batch = new List<TableTransactionAction> { OutboxHarness.StateAction("c2", "approved", null) };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnlistAsync(Table, "c1", batch, [OutboxHarness.Event("e1", "c1")]));

        Assert.Single(batch);
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Rows_under_the_outbox_prefix_are_reserved()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var batch = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, new TableEntity("c1", "outbox|head")) };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnlistAsync(Table, "c1", batch, [OutboxHarness.Event("e1", "c1")]));
    }

    [Fact]
    public async Task A_batch_that_would_exceed_100_actions_is_refused()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var batch = Enumerable.Range(0, 98).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("c1", $"r{i}"))).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Outbox.EnlistAsync(Table, "c1", batch, [OutboxHarness.Event("e1", "c1"), OutboxHarness.Event("e2", "c1")]));
        var enlisted = await harness.Outbox.EnlistAsync(Table, "c1", batch, [OutboxHarness.Event("e1", "c1")]);

        Assert.Equal(100, batch.Count);
        Assert.Equal(1, enlisted.Count);
    }

    [Fact]
    public async Task The_same_event_id_twice_in_one_batch_is_refused()
    {
        var harness = new OutboxHarness(azurite.NewTables());

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Outbox.EnlistAsync(Table, "c1", [], [OutboxHarness.Event("e1", "c1"), OutboxHarness.Event("e1", "c1")]));
    }

    [Fact]
    public async Task An_event_too_large_for_a_table_property_is_refused_before_anything_is_written()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var huge = OutboxHarness.Event("e1", "c1", new { blob = new string('x', 40_000) });

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnlistAsync(Table, "c1", [], [huge]));

        Assert.Empty(harness.IndexRows());
    }

    [Theory]
    [InlineData("Secrets", "c1")]
    [InlineData(TableNames.Outbox, "c1")]
    [InlineData(TableNames.Claims, "")]
    [InlineData(TableNames.Claims, "a/b")]
    [InlineData(TableNames.Claims, "a#b")]
    [InlineData(TableNames.Claims, "a\u0001b")]
    public async Task Targets_outside_the_catalog_or_with_invalid_keys_are_refused(string table, string partitionKey)
    {
        var harness = new OutboxHarness(azurite.NewTables());

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Outbox.EnlistAsync(table, partitionKey, [], [OutboxHarness.Event("e1", "c1")]));
    }
}
