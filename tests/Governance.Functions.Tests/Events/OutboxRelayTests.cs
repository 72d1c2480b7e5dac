using Azure;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Moq;

namespace Governance.Functions.Tests.Events;

[Collection(AzuriteTablesCollection.Name)]
public sealed class OutboxRelayTests(AzuriteTablesFixture azurite)
{
    private const string Table = OutboxHarness.Table;

    [Fact]
    public async Task Committed_event_is_published_once_marked_sent_and_its_index_note_removed()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "approved", OutboxHarness.Event("e1", "c1"));

        var result = await harness.Relay.RelayPartitionAsync(Table, "c1");
        var again = await harness.Relay.RelayPartitionAsync(Table, "c1");

        Assert.Equal(new RelayResult(1, RelayOutcome.Done, null), result);
        Assert.Equal(new RelayResult(0, RelayOutcome.Done, null), again);
        Assert.Equal(["e1"], harness.SentIds);
        var row = Assert.Single(harness.EventRows("c1"));
        Assert.Equal("sent", row.GetString("Status"));
        Assert.Equal(harness.Time.GetUtcNow(), row.GetDateTimeOffset("SentAt"));
        Assert.Empty(harness.IndexRows());
        Assert.Empty(harness.LeaseRows());
    }

    [Fact]
    public async Task Commit_nudges_the_relay_for_the_partition_it_wrote()
    {
        var harness = new OutboxHarness(azurite.NewTables());

        await harness.CommitAsync("c1", "approved", OutboxHarness.Event("e1", "c1"));

        Assert.Equal([new RelayRequest(Table, "c1")], harness.Nudges);
        Assert.Empty(harness.Sent);
    }

    [Fact]
    public async Task Transient_service_bus_failure_is_retried_in_the_same_run_with_the_same_message_id()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var attempts = new List<string>();
        harness.Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns<ServiceBusMessage, CancellationToken>((m, _) =>
            {
                attempts.Add(m.MessageId);
                return attempts.Count == 1
                    ? throw new ServiceBusException(true, "server busy", "governance-events", ServiceBusFailureReason.ServiceBusy)
                    : Task.CompletedTask;
            });
        await harness.CommitAsync("c1", "approved", OutboxHarness.Event("e1", "c1"));

        var result = await harness.Relay.RelayPartitionAsync(Table, "c1");

        Assert.Equal(RelayOutcome.Done, result.Outcome);
        Assert.Equal(["e1", "e1"], attempts);
        Assert.Equal("sent", Assert.Single(harness.EventRows("c1")).GetString("Status"));
    }

    [Fact]
    public async Task Transient_failures_beyond_the_immediate_retries_wait_for_an_exponential_backoff()
    {
        var harness = new OutboxHarness(azurite.NewTables(), o =>
        {
            o.ImmediateRetries = 2;
            o.BackoffBase = TimeSpan.FromSeconds(10);
        });
        var calls = 0;
        harness.Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback(() => calls++)
            .ThrowsAsync(new ServiceBusException(true, "server busy", "governance-events", ServiceBusFailureReason.ServiceBusy));
        await harness.CommitAsync("c1", "approved", OutboxHarness.Event("e1", "c1"));
        var start = harness.Time.GetUtcNow();

        var first = await harness.Relay.RelayPartitionAsync(Table, "c1");
        Assert.Equal(RelayOutcome.Failed, first.Outcome);
        Assert.Equal(3, calls);
        var row = Assert.Single(harness.EventRows("c1"));
        Assert.Equal("pending", row.GetString("Status"));
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.StartsWith("transient:", row.GetString("LastError"), StringComparison.Ordinal);
        Assert.Equal(start.AddSeconds(10), row.GetDateTimeOffset("NextAttemptAt"));

        harness.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(RelayOutcome.BackingOff, (await harness.Relay.RelayPartitionAsync(Table, "c1")).Outcome);
        Assert.Equal(3, calls);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RelayOutcome.Failed, (await harness.Relay.RelayPartitionAsync(Table, "c1")).Outcome);
        Assert.Equal(6, calls);
        row = Assert.Single(harness.EventRows("c1"));
        Assert.Equal(2, row.GetInt32("Attempts"));
        Assert.Equal(start.AddSeconds(10 + 20), row.GetDateTimeOffset("NextAttemptAt"));
        Assert.Single(harness.IndexRows());
    }

    [Fact]
    public async Task A_failed_event_holds_back_later_events_of_its_partition_and_order_is_kept()
    {
        var harness = new OutboxHarness(azurite.NewTables(), o => o.BackoffBase = TimeSpan.FromSeconds(10));
        var failOnce = true;
        harness.Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns<ServiceBusMessage, CancellationToken>((m, _) =>
            {
                if (m.MessageId == "e2" && failOnce)
                {
                    failOnce = false;
                    throw new ServiceBusException(false, "quota exceeded", "governance-events", ServiceBusFailureReason.QuotaExceeded);
                }

                harness.Sent.Enqueue(m);
                return Task.CompletedTask;
            });
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"));
        await harness.CommitAsync("c1", "s2", OutboxHarness.Event("e2", "c1"));
        await harness.CommitAsync("c1", "s3", OutboxHarness.Event("e3", "c1"));

        var first = await harness.Relay.SweepAsync();
        Assert.Equal(new SweepResult(1, 1, 1), first);
        Assert.Equal(["e1"], harness.SentIds);
        Assert.StartsWith("permanent:", harness.EventRows("c1")[1].GetString("LastError"), StringComparison.Ordinal);

        Assert.Equal(new SweepResult(1, 0, 1), await harness.Relay.SweepAsync());
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new SweepResult(1, 2, 0), await harness.Relay.SweepAsync());

        Assert.Equal(["e1", "e2", "e3"], harness.SentIds);
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Events_relay_in_commit_order_per_aggregate_across_interleaved_commits()
    {
        var harness = new OutboxHarness(azurite.NewTables(), o => o.SweepParallelism = 4);
        var committed = new Dictionary<string, List<string>>();
        for (var i = 0; i < 60; i++)
        {
            var aggregate = $"c{i % 4}";
            var id = $"{aggregate}-e{i}";
            await harness.CommitAsync(aggregate, $"s{i}", OutboxHarness.Event(id, aggregate));
            committed.TryAdd(aggregate, []);
            committed[aggregate].Add(id);
        }

        var result = await harness.Relay.SweepAsync();

        Assert.Equal(new SweepResult(4, 60, 0), result);
        foreach (var (aggregate, ids) in committed)
        {
            var sent = harness.Sent.Where(m => (string)m.ApplicationProperties["partitionkey"] == aggregate).ToList();
            Assert.Equal(ids, sent.Select(m => m.MessageId));
            Assert.Equal(Enumerable.Range(1, ids.Count).Select(n => (long)n), sent.Select(m => (long)m.ApplicationProperties["sequence"]));
        }

        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Several_events_of_one_batch_keep_their_order()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("a", "c1"), OutboxHarness.Event("b", "c1"), OutboxHarness.Event("c", "c1"));

        await harness.Relay.RelayPartitionAsync(Table, "c1");

        Assert.Equal(["a", "b", "c"], harness.SentIds);
    }

    [Fact]
    public async Task Rolled_back_state_change_never_publishes_its_event()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "received");
        var stale = await harness.Store.GetAsync(Table, "c1", "state");
        await harness.CommitAsync("c1", "approved-by-someone-else");

        var batch = new List<TableTransactionAction> { OutboxHarness.StateAction("c1", "approved", stale) };
        await Assert.ThrowsAnyAsync<RequestFailedException>(
            () => harness.Outbox.CommitAsync(Table, "c1", batch, [OutboxHarness.Event("never", "c1")]));

        await harness.Relay.SweepAsync();
        harness.Time.Advance(harness.Options.EnlistmentGracePeriod);
        await harness.Relay.SweepAsync();

        harness.Sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(harness.EventRows("c1"));
        Assert.Equal("approved-by-someone-else", (await harness.Store.GetAsync(Table, "c1", "state"))!.GetString("State"));
        Assert.Empty(harness.IndexRows());
        Assert.Empty(harness.Nudges);
    }

    [Fact]
    public async Task Two_writers_racing_for_a_partition_publish_only_the_winner()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var first = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, new TableEntity("c1", "a")) };
        var second = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, new TableEntity("c1", "b")) };
        await harness.Outbox.EnlistAsync(Table, "c1", first, [OutboxHarness.Event("winner", "c1")]);
        await harness.Outbox.EnlistAsync(Table, "c1", second, [OutboxHarness.Event("loser", "c1")]);

        await harness.Store.SubmitTransactionAsync(Table, first);
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => harness.Store.SubmitTransactionAsync(Table, second));
        await harness.Relay.SweepAsync();

        Assert.Equal(["winner"], harness.SentIds);
        Assert.Null(await harness.Store.GetAsync(Table, "c1", "b"));
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Crash_after_commit_before_nudge_is_caught_by_the_sweep()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        harness.Trigger.Setup(t => t.RequestAsync(It.IsAny<RelayRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("queue unreachable"));

        await harness.CommitAsync("c1", "approved", OutboxHarness.Event("e1", "c1"));
        Assert.Empty(harness.Sent);

        var sweep = await harness.Relay.SweepAsync();

        Assert.Equal(1, sweep.Published);
        Assert.Equal(["e1"], harness.SentIds);
    }

    [Fact]
    public async Task A_relay_whose_mark_sent_loses_to_another_relay_keeps_the_partitions_index_note_so_the_sweep_comes_back()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"));
        Assert.NotEmpty(harness.IndexRows());

        // Another relay changed the row after this one's lease lapsed (here: right before this one marks it sent), so
        // the mark-sent transaction meets a new ETag and the table answers 412.
        var table = harness.Tables.Table(Table);
        var changed = false;
        table.BeforeWrite = operation =>
        {
            if (operation == "transaction" && !harness.Sent.IsEmpty && !changed)
            {
                changed = true;
                table.Tamper("c1", harness.EventRows("c1").Single().RowKey, row => row["Attempts"] = 1);
            }

            return Task.CompletedTask;
        };
        var lost = await harness.Relay.RelayPartitionAsync(Table, "c1");

        Assert.Equal(RelayOutcome.Busy, lost.Outcome);
        Assert.All(harness.EventRows("c1"), r => Assert.Equal("pending", r.GetString("Status")));
        Assert.NotEmpty(harness.IndexRows());

        Assert.True(changed);
        table.BeforeWrite = null;
        harness.Time.Advance(harness.Options.LeaseDuration);
        var swept = await harness.NewRelay().SweepAsync();

        Assert.Equal(1, swept.Published);
        Assert.All(harness.EventRows("c1"), r => Assert.Equal("sent", r.GetString("Status")));
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Crash_between_publish_and_mark_sent_republishes_the_same_event_and_loses_nothing()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"));
        await harness.CommitAsync("c1", "s2", OutboxHarness.Event("e2", "c1"));
        var dead = false;
        harness.Tables.Table(Table).FailWith = (operation, _) =>
        {
            // The relay marks what it published in one transaction after publishing: the process dies right there,
            // and nothing it tries afterwards reaches storage.
            if (operation == "transaction" && !harness.Sent.IsEmpty)
            {
                dead = true;
            }

            return dead ? 503 : null;
        };
        harness.Tables.Table(TableNames.Outbox).FailWith = (_, _) => dead ? 503 : null;

        var crash = await Assert.ThrowsAsync<RequestFailedException>(() => harness.Relay.RelayPartitionAsync(Table, "c1"));
        Assert.Equal(503, crash.Status);
        Assert.Equal(["e1", "e2"], harness.SentIds);
        Assert.Single(harness.LeaseRows());
        Assert.All(harness.EventRows("c1"), r => Assert.Equal("pending", r.GetString("Status")));

        harness.Tables.Table(Table).FailWith = null;
        harness.Tables.Table(TableNames.Outbox).FailWith = null;
        var restarted = harness.NewRelay();
        Assert.Equal(RelayOutcome.Busy, (await restarted.RelayPartitionAsync(Table, "c1")).Outcome);
        harness.Time.Advance(harness.Options.LeaseDuration);
        var result = await restarted.SweepAsync();

        Assert.Equal(2, result.Published);
        Assert.Equal(["e1", "e2", "e1", "e2"], harness.SentIds);
        foreach (var id in new[] { "e1", "e2" })
        {
            Assert.Single(harness.Sent.Where(m => m.MessageId == id).Select(m => m.Body.ToString()).Distinct());
        }

        Assert.All(harness.EventRows("c1"), r => Assert.Equal("sent", r.GetString("Status")));
        Assert.Empty(harness.IndexRows());
        Assert.Empty(harness.LeaseRows());
    }

    [Fact]
    public async Task An_event_committed_while_the_relay_runs_keeps_its_index_note_and_is_published_next()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var committedDuringRun = false;
        harness.Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns<ServiceBusMessage, CancellationToken>(async (m, _) =>
            {
                harness.Sent.Enqueue(m);
                if (!committedDuringRun)
                {
                    committedDuringRun = true;
                    await harness.CommitAsync("c1", "s2", OutboxHarness.Event("e2", "c1"));
                }
            });
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"));

        await harness.Relay.RelayPartitionAsync(Table, "c1");
        await harness.Relay.SweepAsync();

        Assert.Equal(["e1", "e2"], harness.SentIds);
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task A_partition_held_by_another_relay_is_left_alone()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        harness.Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns<ServiceBusMessage, CancellationToken>(async (m, _) =>
            {
                harness.Sent.Enqueue(m);
                entered.TrySetResult();
                await release.Task;
            });
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"));

        var running = harness.Relay.RelayPartitionAsync(Table, "c1");
        await entered.Task;
        var other = await harness.NewRelay().RelayPartitionAsync(Table, "c1").WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
        var finished = await running;

        Assert.Equal(RelayOutcome.Busy, other.Outcome);
        Assert.Equal(0, other.Published);
        Assert.Equal(1, finished.Published);
        Assert.Equal(["e1"], harness.SentIds);
    }

    [Fact]
    public async Task A_run_stops_at_its_limit_and_the_next_run_goes_on_in_order()
    {
        var harness = new OutboxHarness(azurite.NewTables(), o => o.MaxEventsPerRun = 2);
        for (var i = 1; i <= 5; i++)
        {
            await harness.CommitAsync("c1", $"s{i}", OutboxHarness.Event($"e{i}", "c1"));
        }

        var first = await harness.Relay.RelayPartitionAsync(Table, "c1");
        Assert.Equal(new RelayResult(2, RelayOutcome.RunLimit, 3), first);
        Assert.Equal(3, harness.IndexRows().Count);

        await harness.Relay.SweepAsync();
        await harness.Relay.SweepAsync();

        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], harness.SentIds);
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Enlistment_that_never_commits_is_forgotten_after_the_grace_period_and_fenced_out()
    {
        var harness = new OutboxHarness(azurite.NewTables(), o => o.EnlistmentGracePeriod = TimeSpan.FromMinutes(10));
        var late = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, new TableEntity("c1", "late")) };
        await harness.Outbox.EnlistAsync(Table, "c1", late, [OutboxHarness.Event("late", "c1")]);

        harness.Time.Advance(TimeSpan.FromMinutes(9));
        await harness.Relay.SweepAsync();
        Assert.Single(harness.IndexRows());

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Relay.SweepAsync();
        Assert.Empty(harness.IndexRows());

        // The writer wakes up after the relay gave up on it: its commit must fail, or its event would never be published.
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => harness.Store.SubmitTransactionAsync(Table, late));
        await harness.Relay.SweepAsync();
        Assert.Empty(harness.Sent);
    }

    [Fact]
    public async Task Fencing_an_existing_head_makes_a_stale_enlistment_fail_and_keeps_later_writers_working()
    {
        var harness = new OutboxHarness(azurite.NewTables(), o => o.EnlistmentGracePeriod = TimeSpan.FromMinutes(10));
        await harness.CommitAsync("c1", "s1", OutboxHarness.Event("e1", "c1"));
        var late = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, new TableEntity("c1", "late")) };
        await harness.Outbox.EnlistAsync(Table, "c1", late, [OutboxHarness.Event("late", "c1")]);

        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.Relay.SweepAsync();
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => harness.Store.SubmitTransactionAsync(Table, late));
        await harness.CommitAsync("c1", "s2", OutboxHarness.Event("e2", "c1"));
        await harness.Relay.SweepAsync();

        Assert.Equal(["e1", "e2"], harness.SentIds);
        Assert.Empty(harness.IndexRows());
    }

    [Fact]
    public async Task Partitions_whose_keys_share_a_prefix_are_kept_apart()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        await harness.CommitAsync("c1", "s", OutboxHarness.Event("plain", "c1"));
        await harness.CommitAsync("c1|0000000000000000001", "s", OutboxHarness.Event("piped", "c1|0000000000000000001"));

        await harness.Relay.RelayPartitionAsync(Table, "c1");

        Assert.Equal(["plain"], harness.SentIds);
        var remaining = Assert.Single(harness.IndexRows());
        Assert.Equal("c1|0000000000000000001", remaining.GetString("AggregatePartition"));
    }

    [Fact]
    public async Task Relay_refuses_tables_outside_the_catalog()
    {
        var harness = new OutboxHarness(azurite.NewTables());

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Relay.RelayPartitionAsync("Secrets", "c1"));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Relay.RelayPartitionAsync(TableNames.Outbox, "pending"));
    }

}
