using Governance.Core.Problems;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Storage;

public sealed class ConflictRetryTests
{
    private static ConflictRetry Policy(int maxAttempts = 5)
        => new(Options.Create(new ConcurrencyOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            TimeProvider.System, NullLogger<ConflictRetry>.Instance);

    [Fact]
    public async Task A_step_that_loses_races_is_retried_until_it_succeeds()
    {
        var result = await Policy().RunAsync((attempt, _) =>
            attempt < 3 ? throw new ConcurrencyConflictException("Row r") : Task.FromResult(attempt));

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task A_step_that_keeps_losing_is_a_409_with_retry_after_once_the_attempts_run_out()
    {
        var attempts = 0;
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Policy(maxAttempts: 4).RunAsync<int>((_, _) =>
        {
            attempts++;
            throw new ConcurrencyConflictException("Claim c");
        }));

        Assert.Equal(4, attempts);
        Assert.Equal(409, problem.Status);
        Assert.Equal("1", problem.Headers["Retry-After"]);
        Assert.Contains("Claim c", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_ends_the_run_at_once()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Policy().RunAsync<int>((_, _) =>
        {
            attempts++;
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public void Waits_are_jittered_below_a_capped_exponential_delay()
    {
        var settings = new ConcurrencyOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var cap = Math.Min(10 * Math.Pow(2, attempt - 1), 50);
            var delays = Enumerable.Range(0, 50).Select(_ => ConflictRetry.Delay(settings, attempt).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, cap));
            Assert.True(delays.Distinct().Count() > 1, "waits must vary between racing writers");
        }
    }

    [Fact]
    public void Settings_out_of_range_are_reported()
    {
        Assert.NotEmpty(new ConcurrencyOptions { MaxAttempts = 0 }.Problems());
        Assert.NotEmpty(new ConcurrencyOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) }.Problems());
        Assert.Empty(new ConcurrencyOptions().Problems());
    }
}
