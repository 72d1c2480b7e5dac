using System.Text;
using Governance.Core.Idempotency;
using Governance.Core.Problems;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Idempotency;

/// <summary>What a claimed key becomes when its write fails, and that the client cannot stop a claimed write.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotencyFailureHandlingTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private const string Scope = "staff-write";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly IdempotencyOptions _options = new() { PendingLeaseSeconds = 60, FailedRetryAfterSeconds = 3 };

    private IdempotencyTable _table = null!;

    public async Task InitializeAsync() => _table = await IdempotencyTable.CreateAsync(fixture);

    public async Task DisposeAsync() => await _table.DisposeAsync();

    private IdempotencyStore Store() => _table.Store(_options, _time);

    private static StoredResponse Json(int status, string body) => new(status, "application/json", Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task A_client_fault_releases_the_key_so_a_corrected_retry_runs()
    {
        var store = Store();

        await Assert.ThrowsAsync<GovernanceProblem>(() => store.ExecuteAsync(
            Scope, "k1", "hash-a", _ => throw GovernanceProblem.BadRequest("title is required")));
        var retry = await store.ExecuteAsync(Scope, "k1", "hash-a", _ => Task.FromResult(Json(201, "{\"id\":1}")));

        Assert.False(retry.Replayed);
        Assert.Equal(201, retry.Response.StatusCode);
    }

    [Fact]
    public async Task An_unexpected_failure_keeps_the_key_pending_briefly_then_a_retry_takes_it_over_and_runs_again()
    {
        var store = Store();
        var runs = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ExecuteAsync(Scope, "k1", "hash-a", _ =>
        {
            runs++;
            throw new InvalidOperationException("audit log unavailable");
        }));

        var concurrent = await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "k1", "hash-a"));
        Assert.Equal(409, concurrent.Status);
        Assert.Equal("3", concurrent.Headers["Retry-After"]);
        Assert.Equal(422, (await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "k1", "hash-b"))).Status);

        _time.Advance(TimeSpan.FromSeconds(3));
        var retry = await store.ExecuteAsync(Scope, "k1", "hash-a", _ =>
        {
            runs++;
            return Task.FromResult(Json(201, "{\"id\":1}"));
        });

        Assert.False(retry.Replayed);
        Assert.Equal(2, runs);
        Assert.True((await store.BeginAsync(Scope, "k1", "hash-a")).IsReplay);
    }

    [Fact]
    public async Task A_client_hanging_up_does_not_stop_a_claimed_write_and_its_response_is_kept()
    {
        var store = Store();
        using var client = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var proceed = new TaskCompletionSource();
        var actionTokenCancelled = true;

        var run = store.ExecuteAsync(Scope, "k1", "hash-a", async ct =>
        {
            started.SetResult();
            await proceed.Task;
            actionTokenCancelled = ct.IsCancellationRequested;
            return Json(201, "{\"id\":7}");
        }, client.Token);
        await started.Task;
        await client.CancelAsync();
        proceed.SetResult();
        var result = await run;

        Assert.False(actionTokenCancelled);
        Assert.Equal(201, result.Response.StatusCode);
        var replay = await store.BeginAsync(Scope, "k1", "hash-a");
        Assert.Equal("{\"id\":7}", Encoding.UTF8.GetString(replay.Replay!.Body));
    }

    [Fact]
    public async Task A_request_cancelled_before_it_starts_claims_nothing()
    {
        var store = Store();
        using var client = new CancellationTokenSource();
        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ExecuteAsync(Scope, "k1", "hash-a", _ => Task.FromResult(Json(201, "{}")), client.Token));

        Assert.NotNull((await store.BeginAsync(Scope, "k1", "hash-a")).Lease);
    }

    [Fact]
    public async Task A_write_that_times_out_keeps_its_key_for_the_rest_of_the_lease()
    {
        var store = Store();
        var started = new TaskCompletionSource();

        var run = store.ExecuteAsync(Scope, "k1", "hash-a", async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Json(201, "{}");
        });
        await started.Task;
        _time.Advance(_options.WriteTimeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(_options.WriteTimeout < TimeSpan.FromSeconds(_options.PendingLeaseSeconds));
        _time.Advance(TimeSpan.FromSeconds(_options.FailedRetryAfterSeconds));
        Assert.Equal(409, (await Assert.ThrowsAsync<GovernanceProblem>(() => store.BeginAsync(Scope, "k1", "hash-a"))).Status);

        _time.Advance(TimeSpan.FromSeconds(_options.PendingLeaseSeconds) - _options.WriteTimeout);
        Assert.NotNull((await store.BeginAsync(Scope, "k1", "hash-a")).Lease);
    }
}
