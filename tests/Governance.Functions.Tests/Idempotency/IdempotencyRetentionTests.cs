using System.Text;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Idempotency;
using Governance.Core.Retention;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Idempotency;

[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotencyRetentionTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private const string Scope = "probe";
    private static readonly TimeSpan PastRetention = TimeSpan.FromDays(8);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBodyStore _bodies = new();
    private int _runs;

    private IdempotencyTable _table = null!;

    private HookedTableClient Table => _table.Client;

    public async Task InitializeAsync() => _table = await IdempotencyTable.CreateAsync(fixture);

    public async Task DisposeAsync() => await _table.DisposeAsync();

    private IdempotencyStore Store()
        => _table.Store(new IdempotencyOptions { PendingLeaseSeconds = 60, RetentionDays = 7 }, _time, _bodies);

    private IdempotencyRetention Retention(int batchSize = 100, int maxRowsPerRun = 10_000)
        => new(_table.Service, _bodies, Options.Create(new RetentionOptions { BatchSize = batchSize, MaxRowsPerRun = maxRowsPerRun }), _time,
            NullLogger<IdempotencyRetention>.Instance);

    private Task<IdempotentResult> WriteAsync(string key, int bodyBytes = 16)
        => Store().ExecuteAsync(Scope, key, "hash", _ =>
        {
            _runs++;
            return Task.FromResult(new StoredResponse(201, "application/json", Encoding.UTF8.GetBytes(new string('x', bodyBytes))));
        });

    private async Task<bool> HasKeyAsync(string key) => (await _table.RowsAsync()).Any(r => r.PartitionKey == IdempotencyStore.PartitionKeyFor(Scope, key));

    [Fact]
    public async Task Expired_completed_keys_and_their_blobs_are_deleted_and_fresh_keys_kept()
    {
        await WriteAsync("old-small");
        await WriteAsync("old-large", bodyBytes: 1024 * 1024);
        var oldBlob = Assert.Single(_bodies.Blobs.Keys);
        _time.Advance(TimeSpan.FromDays(5));
        await WriteAsync("recent-large", bodyBytes: 1024 * 1024);
        var recentBlob = Assert.Single(_bodies.Blobs.Keys, k => k != oldBlob);
        _time.Advance(TimeSpan.FromDays(3)); // the first two are 8 days old, the last 3

        var result = await Retention().PurgeExpiredAsync();

        Assert.Equal(new RetentionResult(Examined: 2, Deleted: 2, Kept: 0, Changed: 0, Truncated: false), result);
        Assert.False(await HasKeyAsync("old-small"));
        Assert.False(await HasKeyAsync("old-large"));
        Assert.True(await HasKeyAsync("recent-large"));
        Assert.Equal([recentBlob], _bodies.Blobs.Keys);
    }

    [Fact]
    public async Task After_the_clean_up_an_old_key_runs_the_write_again_and_a_recent_key_still_replays()
    {
        await WriteAsync("old");
        _time.Advance(TimeSpan.FromDays(5));
        await WriteAsync("recent");
        _time.Advance(TimeSpan.FromDays(3));
        await Retention().PurgeExpiredAsync();

        var old = await WriteAsync("old");
        var recent = await WriteAsync("recent");

        Assert.False(old.Replayed);
        Assert.True(recent.Replayed);
        Assert.Equal(3, _runs);
    }

    [Fact]
    public async Task A_key_before_its_expiry_is_kept_even_when_its_write_is_long_done()
    {
        await WriteAsync("k");
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        var result = await Retention().PurgeExpiredAsync();

        Assert.Equal(0, result.Deleted);
        Assert.True(await HasKeyAsync("k"));
    }

    [Fact]
    public async Task A_pending_key_within_its_lease_is_kept_even_past_its_expiry()
    {
        var begin = await Store().BeginAsync(Scope, "in-flight", "hash");
        _time.Advance(PastRetention);
        await _table.TamperAsync(begin.Lease!.PartitionKey, begin.Lease.RowKey, row => row["LeaseExpiresAt"] = _time.GetUtcNow().AddMinutes(1));

        var result = await Retention().PurgeExpiredAsync();

        Assert.Equal(new RetentionResult(Examined: 1, Deleted: 0, Kept: 1, Changed: 0, Truncated: false), result);
        Assert.True(await HasKeyAsync("in-flight"));
    }

    [Fact]
    public async Task An_abandoned_pending_key_past_its_lease_and_expiry_is_deleted()
    {
        await Store().BeginAsync(Scope, "crashed", "hash");
        _time.Advance(PastRetention);

        var result = await Retention().PurgeExpiredAsync();

        Assert.Equal(1, result.Deleted);
        Assert.False(await HasKeyAsync("crashed"));
    }

    [Fact]
    public async Task Rows_without_ExpiresAt_or_with_an_unknown_state_are_kept()
    {
        await _table.Inner.AddEntityAsync(new TableEntity("legacy|no-expiry", "r") { ["State"] = "completed", ["StatusCode"] = 201 });
        await _table.Inner.AddEntityAsync(new TableEntity("legacy|odd-state", "r") { ["State"] = "other", ["ExpiresAt"] = _time.GetUtcNow().AddDays(-1) });
        _time.Advance(PastRetention);

        var result = await Retention().PurgeExpiredAsync();

        Assert.Equal(0, result.Deleted);
        Assert.Equal(2, (await _table.RowsAsync()).Count);
    }

    [Fact]
    public async Task A_run_reads_in_pages_of_the_batch_size_and_stops_at_its_maximum_then_the_next_run_goes_on()
    {
        for (var i = 0; i < 5; i++)
        {
            await WriteAsync($"k{i}");
        }

        _time.Advance(PastRetention);

        var first = await Retention(batchSize: 2, maxRowsPerRun: 3).PurgeExpiredAsync();
        var second = await Retention(batchSize: 2, maxRowsPerRun: 3).PurgeExpiredAsync();

        Assert.Equal(new RetentionResult(Examined: 3, Deleted: 3, Kept: 0, Changed: 0, Truncated: true), first);
        Assert.Equal(new RetentionResult(Examined: 2, Deleted: 2, Kept: 0, Changed: 0, Truncated: false), second);
        Assert.Empty(await _table.RowsAsync());
        Assert.All(Table.QueryPageSizes, size => Assert.Equal(2, size));
    }

    [Fact]
    public async Task A_key_claimed_again_between_read_and_delete_is_not_deleted()
    {
        await WriteAsync("reused", bodyBytes: 1024 * 1024);
        _time.Advance(PastRetention);
        var partitionKey = IdempotencyStore.PartitionKeyFor(Scope, "reused");
        var raced = false;
        Table.BeforeWrite = async operation =>
        {
            if (operation == "delete" && !raced)
            {
                // Another instance deleted the expired key, and a new request claimed and completed it again.
                raced = true;
                await _table.RemoveAsync(partitionKey, "r");
                await WriteAsync("reused", bodyBytes: 1024 * 1024);
            }
        };

        var result = await Retention().PurgeExpiredAsync();
        Table.BeforeWrite = null;

        Assert.True(raced);
        Assert.Equal(new RetentionResult(Examined: 1, Deleted: 0, Kept: 0, Changed: 1, Truncated: false), result);
        Assert.True(await HasKeyAsync("reused"));
        var replay = await WriteAsync("reused");
        Assert.True(replay.Replayed);
        Assert.Equal(1024 * 1024, replay.Response.Body.Length); // the new response's blob was not touched
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_second_run_or_a_row_deleted_by_another_instance_is_harmless()
    {
        await WriteAsync("a");
        await WriteAsync("b");
        _time.Advance(PastRetention);
        var other = false;
        Table.BeforeWrite = async operation =>
        {
            if (operation == "delete" && !other)
            {
                other = true;
                await _table.RemoveAsync(IdempotencyStore.PartitionKeyFor(Scope, "a"), "r");
                await _table.RemoveAsync(IdempotencyStore.PartitionKeyFor(Scope, "b"), "r");
            }
        };

        var first = await Retention().PurgeExpiredAsync();
        var second = await Retention().PurgeExpiredAsync();

        Assert.Equal(0, first.Changed);
        Assert.Equal(RetentionResult.Empty, second);
        Assert.Empty(await _table.RowsAsync());
    }

    [Fact]
    public async Task A_failing_delete_fails_the_run_so_the_timer_reports_it()
    {
        await WriteAsync("a");
        _time.Advance(PastRetention);
        Table.FailWith = (operation, _) => operation == "delete" ? 503 : null;

        await Assert.ThrowsAsync<RequestFailedException>(() => Retention().PurgeExpiredAsync());

        Table.FailWith = null;
        Assert.True(await HasKeyAsync("a"));
    }
}
