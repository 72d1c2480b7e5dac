using Governance.Core.Problems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Storage;

/// <summary>
/// Settings of the one retry policy for optimistic-concurrency conflicts (<c>Storage__Concurrency__*</c>).
/// </summary>
public sealed class ConcurrencyOptions
{
    public const string SectionName = "Storage:Concurrency";

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; set; } = 40;

    /// <summary>The delay before the second attempt grows from this, doubling per attempt, with full jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>No single wait is longer than this.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    public IEnumerable<string> Problems()
    {
        if (MaxAttempts is < 1 or > 1000)
        {
            yield return "Storage__Concurrency__MaxAttempts must be between 1 and 1000.";
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromSeconds(30))
        {
            yield return "Storage__Concurrency__BaseDelay must be at least 0 and at most Storage__Concurrency__MaxDelay, which must be at most 30 seconds.";
        }
    }
}

/// <summary>
/// A write lost an optimistic-concurrency race (the row's ETag changed, or another writer inserted the row
/// first): read again and redo the step. Stores throw it; <see cref="ConflictRetry"/> retries on it.
/// </summary>
public sealed class ConcurrencyConflictException(string what, Exception? inner = null)
    : Exception($"{what} changed while it was being written.", inner)
{
    public string What { get; } = what;
}

/// <summary>
/// The one retry policy for lost optimistic-concurrency races, used by every store and service: bounded,
/// exponential back-off with full jitter (so racing writers spread out instead of colliding again), waiting
/// on the injected clock. When the attempts run out the step is answered with a 409 problem carrying
/// <c>Retry-After</c>: the caller did nothing wrong, but the resource is too busy to change right now.
/// </summary>
public sealed class ConflictRetry(IOptions<ConcurrencyOptions> options, TimeProvider time, ILogger<ConflictRetry> logger)
{
    /// <summary>
    /// Runs <paramref name="attempt"/> (given the 1-based attempt number) until it returns, retrying when it throws
    /// <see cref="ConcurrencyConflictException"/>. Any other exception ends the run at once.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<int, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(number, cancellationToken);
            }
            catch (ConcurrencyConflictException conflict) when (number < settings.MaxAttempts)
            {
                logger.LogDebug("{What} changed meanwhile (attempt {Attempt}); retrying.", conflict.What, number);
                await Task.Delay(Delay(settings, number), time, cancellationToken);
            }
            catch (ConcurrencyConflictException conflict)
            {
                logger.LogWarning("{What} kept changing through {Attempts} attempts.", conflict.What, number);
                throw Exhausted(conflict);
            }
        }
    }

    public Task RunAsync(Func<int, CancellationToken, Task> attempt, CancellationToken cancellationToken = default)
        => RunAsync<bool>(async (number, ct) =>
        {
            await attempt(number, ct);
            return true;
        }, cancellationToken);

    /// <summary>Full jitter: a uniform wait between zero and the capped exponential delay for this attempt.</summary>
    public static TimeSpan Delay(ConcurrencyOptions settings, int attempt)
    {
        var exponential = settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var cap = Math.Min(exponential, settings.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    private static GovernanceProblem Exhausted(ConcurrencyConflictException conflict)
    {
        var problem = GovernanceProblem.Conflict($"{conflict.What} kept changing while this request was applied; retry it.");
        problem.Headers["Retry-After"] = "1";
        return problem;
    }
}
