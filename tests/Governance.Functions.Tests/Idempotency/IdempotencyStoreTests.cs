using System.Text;
using Governance.Core.Idempotency;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Idempotency;

[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotencyStoreTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private const string Scope = "claims-webhook";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private IdempotencyStore Store() => _table.Store(new IdempotencyOptions { PendingLeaseSeconds = 60, FailedRetryAfterSeconds = 2 }, _time);

    private static StoredResponse Json(int status, string body) => new(status, "application/json", Encoding.UTF8.GetBytes(body));

    private IdempotencyTable _table = null!;

    private HookedTableClient Table => _table.Client;

    public async Task InitializeAsync() => _table = await IdempotencyTable.CreateAsync(fixture);

    public async Task DisposeAsync() => await _table.DisposeAsync();

    [Fact]
    public async Task The_first_response_is_replayed_for_the_same_key_and_request()
    {
        var store = Store();
        var runs = 0;
        Task<StoredResponse> Action(CancellationToken _)
        {
            runs++;
            return Task.FromResult(Json(202, $"{{\"claimId\":\"c{runs}\"}}"));
        }

        var first = await store.ExecuteAsync(Scope, "msg_1", "hash-a", Action);
        var second = await store.ExecuteAsync(Scope, "msg_1", "hash-a", Action);

        Assert.Equal(1, runs);
        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(202, second.Response.StatusCode);
        Assert.Equal("application/json", second.Response.ContentType);
        Assert.Equal(first.Response.Body, second.Response.Body);
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_422()
    {
        var store = Store();
        await store.ExecuteAsync(Scope, "msg_1", "hash-a", _ => Task.FromResult(Json(202, "{}")));

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => store.ExecuteAsync(Scope, "msg_1", "hash-b", _ => Task.FromResult(Json(202, "{}"))));

        Assert.Equal(422, problem.Status);
        Assert.Contains("msg_1", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_while_the_first_is_running_is_409_with_retry_after()
    {
        var store = Store();
        var begun = await store.BeginAsync(Scope, "msg_1", "hash-a");

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "msg_1", "hash-a"));

        Assert.NotNull(begun.Lease);
        Assert.Equal(409, problem.Status);
        Assert.True(int.Parse(problem.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 5);
    }

    [Fact]
    public async Task A_different_request_is_422_even_while_the_first_is_running()
    {
        var store = Store();
        await store.BeginAsync(Scope, "msg_1", "hash-a");

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "msg_1", "hash-b"));

        Assert.Equal(422, problem.Status);
    }

    [Fact]
    public async Task A_failed_first_attempt_holds_the_key_briefly_then_a_retry_runs_the_write_again()
    {
        var store = Store();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ExecuteAsync(Scope, "msg_1", "hash-a", _ => throw new InvalidOperationException("boom")));
        Assert.Equal(409, (await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "msg_1", "hash-a"))).Status);
        _time.Advance(TimeSpan.FromSeconds(2));
        var retry = await store.ExecuteAsync(Scope, "msg_1", "hash-a", _ => Task.FromResult(Json(202, "{\"ok\":true}")));

        Assert.False(retry.Replayed);
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(retry.Response.Body));
    }

    [Fact]
    public async Task When_releasing_the_key_after_a_client_fault_also_fails_the_original_error_surfaces_and_the_lease_expires()
    {
        var store = Store();
        Table.FailWith = (operation, _) => operation == "delete" ? 503 : null;

        await Assert.ThrowsAsync<GovernanceProblem>(() => store.ExecuteAsync(Scope, "msg_1", "hash-a", _ => throw GovernanceProblem.BadRequest("title is required")));
        Table.FailWith = null;
        Assert.Equal(409, (await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "msg_1", "hash-a"))).Status);

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.NotNull((await store.BeginAsync(Scope, "msg_1", "hash-a")).Lease);
    }

    [Fact]
    public async Task A_crashed_holder_is_taken_over_after_its_lease_and_cannot_complete_afterwards()
    {
        var store = Store();
        var crashed = await store.BeginAsync(Scope, "msg_1", "hash-a");

        _time.Advance(TimeSpan.FromSeconds(61));
        var takeover = await store.BeginAsync(Scope, "msg_1", "hash-a");

        Assert.NotNull(takeover.Lease);
        Assert.False(await store.CompleteAsync(crashed.Lease!, Json(202, "{\"from\":\"crashed\"}")));
        Assert.True(await store.CompleteAsync(takeover.Lease!, Json(202, "{\"from\":\"takeover\"}")));
        var replay = await store.BeginAsync(Scope, "msg_1", "hash-a");
        Assert.Equal("{\"from\":\"takeover\"}", Encoding.UTF8.GetString(replay.Replay!.Body));
    }

    [Fact]
    public async Task Concurrent_duplicates_run_the_action_once()
    {
        var store = Store();
        var runs = 0;
        var release = new TaskCompletionSource();

        async Task<string> Attempt()
        {
            await Task.Yield();
            try
            {
                var result = await store.ExecuteAsync(Scope, "msg_1", "hash-a", async _ =>
                {
                    Interlocked.Increment(ref runs);
                    await release.Task;
                    return Json(202, "{}");
                });
                return result.Replayed ? "replayed" : "ran";
            }
            catch (GovernanceProblem problem) when (problem.Status == 409)
            {
                return "in-flight";
            }
        }

        var attempts = Enumerable.Range(0, 20).Select(_ => Attempt()).ToList();
        await Task.Delay(50);
        release.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, runs);
        Assert.Equal(1, outcomes.Count(o => o == "ran"));
        Assert.All(outcomes.Where(o => o != "ran"), o => Assert.Equal("in-flight", o));
        Assert.True((await store.BeginAsync(Scope, "msg_1", "hash-a")).IsReplay);
    }

    [Fact]
    public async Task Keys_are_encoded_so_reserved_characters_neither_fail_nor_collide()
    {
        var store = Store();

        await store.ExecuteAsync(Scope, "a/b#c?d\\e", "h1", _ => Task.FromResult(Json(200, "1")));
        await store.ExecuteAsync(Scope, "a%2Fb#c?d\\e", "h2", _ => Task.FromResult(Json(200, "2")));

        var keys = (await _table.RowsAsync()).Select(r => r.PartitionKey).ToList();
        Assert.Equal(2, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.DoesNotContain(k, c => c is '/' or '\\' or '#' or '?'));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_keys_are_400(string key)
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Store().BeginAsync(Scope, key, "h"));

        Assert.Equal(400, problem.Status);
    }

    [Fact]
    public async Task Over_long_keys_are_400()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Store().BeginAsync(Scope, new string('k', IdempotencyStore.MaxKeyLength + 1), "h"));

        Assert.Equal(400, problem.Status);
    }

    [Fact]
    public async Task Bodies_larger_than_one_table_property_round_trip()
    {
        var store = Store();
        var body = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();

        await store.ExecuteAsync(Scope, "big", "h", _ => Task.FromResult(new StoredResponse(200, "application/octet-stream", body)));
        var replay = await store.BeginAsync(Scope, "big", "h");

        Assert.Equal(body, replay.Replay!.Body);
        Assert.All((await _table.RowsAsync()).Single().Where(p => p.Value is byte[]), p => Assert.True(((byte[])p.Value).Length <= 64 * 1024));
    }

    [Fact]
    public async Task A_response_too_large_to_keep_never_fails_after_the_write_and_never_runs_twice()
    {
        var store = Store();
        var body = new byte[1200 * 1024];
        var runs = 0;
        Task<StoredResponse> Write(CancellationToken _)
        {
            runs++;
            return Task.FromResult(new StoredResponse(201, "application/json", body, "/api/things/1"));
        }

        var first = await store.ExecuteAsync(Scope, "huge", "h", Write);
        var retry = await store.ExecuteAsync(Scope, "huge", "h", Write);

        Assert.Equal(1, runs);
        Assert.False(first.Replayed);
        Assert.Equal(body, first.Response.Body);
        Assert.True(retry.Replayed);
        Assert.Equal(201, retry.Response.StatusCode);
        Assert.Equal("/api/things/1", retry.Response.Location);
        Assert.Equal("completed", (await _table.RowsAsync()).Single().GetString("State"));
    }

    [Fact]
    public async Task A_large_response_is_kept_in_the_body_store_and_replayed_byte_for_byte()
    {
        var bodies = new InMemoryBodyStore();
        var store = _table.Store(new IdempotencyOptions(), _time, bodies);
        var body = Enumerable.Range(0, 1200 * 1024).Select(i => (byte)(i % 253)).ToArray();

        await store.ExecuteAsync(Scope, "huge", "h", _ => Task.FromResult(new StoredResponse(201, "application/json", body, "/api/things/2")));
        var replay = await store.BeginAsync(Scope, "huge", "h");

        Assert.Equal(body, replay.Replay!.Body);
        Assert.Equal("application/json", replay.Replay.ContentType);
        Assert.Equal("/api/things/2", replay.Replay.Location);
        Assert.Single(bodies.Blobs);
        Assert.DoesNotContain((await _table.RowsAsync()).Single(), p => p.Value is byte[]);
    }

    [Fact]
    public async Task When_the_body_store_fails_the_key_still_completes_with_status_and_location()
    {
        var store = _table.Store(new IdempotencyOptions(), _time, new InMemoryBodyStore { Fail = true });
        var runs = 0;

        var first = await store.ExecuteAsync(Scope, "huge", "h", _ =>
        {
            runs++;
            return Task.FromResult(new StoredResponse(201, "application/json", new byte[1024 * 1024], "/api/things/3"));
        });
        _time.Advance(TimeSpan.FromHours(1)); // long past any pending lease: a pending key would be taken over and run again
        var retry = await store.ExecuteAsync(Scope, "huge", "h", _ =>
        {
            runs++;
            return Task.FromResult(new StoredResponse(201, "application/json", [], "/api/things/other"));
        });

        Assert.Equal(1, runs);
        Assert.Equal(1024 * 1024, first.Response.Body.Length);
        Assert.True(retry.Replayed);
        Assert.Equal(201, retry.Response.StatusCode);
        Assert.Equal("/api/things/3", retry.Response.Location);
        Assert.Empty(retry.Response.Body);
    }

    [Fact]
    public void Request_hashes_separate_their_parts()
    {
        Assert.NotEqual(IdempotencyStore.HashRequest("x"u8, "ab", "c"), IdempotencyStore.HashRequest("x"u8, "a", "bc"));
        Assert.NotEqual(IdempotencyStore.HashRequest("x"u8, "POST"), IdempotencyStore.HashRequest("y"u8, "POST"));
        Assert.Equal(IdempotencyStore.HashRequest("x"u8, "POST"), IdempotencyStore.HashRequest("x"u8, "POST"));
    }
}
