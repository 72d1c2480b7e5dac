using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Kernel;

/// <summary>The rate limiter on a real table (Azurite): a burst from one client gets exactly the permits it is owed.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class RateLimiterConcurrencyTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Twenty_concurrent_requests_under_a_limit_of_25_all_get_through()
    {
        var granted = await BurstAsync(requests: 20, permitLimit: 25);

        Assert.Equal(20, granted);
    }

    [Fact]
    public async Task Twenty_concurrent_requests_over_a_limit_of_10_get_exactly_10_permits()
    {
        var granted = await BurstAsync(requests: 20, permitLimit: 10);

        Assert.Equal(10, granted);
    }

    private async Task<int> BurstAsync(int requests, int permitLimit)
    {
        var limiter = new FixedWindowRateLimiter(fixture.Tables, TimeProvider.System);
        var scope = "burst-" + Guid.NewGuid().ToString("N")[..8];
        using var start = new SemaphoreSlim(0);
        var outcomes = Enumerable.Range(0, requests).Select(async _ =>
        {
            await start.WaitAsync();
            try
            {
                await limiter.AcquireAsync(scope, "198.51.100.7", permitLimit, TimeSpan.FromHours(1));
                return true;
            }
            catch (GovernanceProblem problem) when (problem.Status == 429)
            {
                return false;
            }
        }).ToList();
        start.Release(requests);
        return (await Task.WhenAll(outcomes)).Count(granted => granted);
    }
}
