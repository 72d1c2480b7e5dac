using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Security;

[Collection(AzuriteTablesCollection.Name)]
public sealed class FixedWindowRateLimiterTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_requests_never_take_more_than_the_limit()
    {
        var limiter = new FixedWindowRateLimiter(_tables.Service, _time);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await Task.Yield();
            try
            {
                await limiter.AcquireAsync("scope", "client", 5, TimeSpan.FromMinutes(1));
                return true;
            }
            catch (GovernanceProblem problem) when (problem.Status == 429)
            {
                return false;
            }
        }));

        Assert.Equal(5, outcomes.Count(o => o));
        Assert.Equal(5, _tables.Table(TableNames.RateLimits).Rows.Count);
    }

    [Fact]
    public async Task Client_keys_with_reserved_characters_are_encoded_and_kept_apart()
    {
        var limiter = new FixedWindowRateLimiter(_tables.Service, _time);

        await limiter.AcquireAsync("scope", "a/b", 1, TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync("scope", "a%2Fb", 1, TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync("scope", null, 1, TimeSpan.FromMinutes(1));

        var keys = _tables.Table(TableNames.RateLimits).Rows.Select(r => r.PartitionKey).ToList();
        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(keys, k => k.Contains('/', StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_counter_that_stays_contended_answers_429_with_retry_after_never_a_server_error()
    {
        var limiter = new FixedWindowRateLimiter(_tables.Service, _time);
        await limiter.AcquireAsync("scope", "client", 100, TimeSpan.FromMinutes(1));
        _tables.Table(TableNames.RateLimits).FailWith = (operation, _) => operation is "update" or "add" ? 412 : null; // every write loses a race

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => limiter.AcquireAsync("scope", "client", 100, TimeSpan.FromMinutes(1)));

        Assert.Equal(429, problem.Status);
        Assert.True(problem.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task A_new_window_reuses_the_slots_of_the_last_one()
    {
        var limiter = new FixedWindowRateLimiter(_tables.Service, _time);
        await limiter.AcquireAsync("scope", "client", 2, TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync("scope", "client", 2, TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<GovernanceProblem>(() => limiter.AcquireAsync("scope", "client", 2, TimeSpan.FromMinutes(1)));

        _time.Advance(TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync("scope", "client", 2, TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync("scope", "client", 2, TimeSpan.FromMinutes(1));
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => limiter.AcquireAsync("scope", "client", 2, TimeSpan.FromMinutes(1)));

        Assert.Equal(429, problem.Status);
        Assert.Equal(2, _tables.Table(TableNames.RateLimits).Rows.Count);
    }
}
