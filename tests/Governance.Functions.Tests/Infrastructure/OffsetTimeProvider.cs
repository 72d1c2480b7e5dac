namespace Governance.Functions.Tests.Infrastructure;

/// <summary>Wall-clock time plus an offset a test can move forward, so time keeps flowing for timeouts and timers.</summary>
public sealed class OffsetTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// The app's clock as the tests' data should see it: tests move the host's clock forward (days, for scheduled
/// disclosures), so dates in requests ("two days ago") are computed from it, not from the machine's clock.
/// </summary>
public static class AppClock
{
    public static TimeProvider Current { get; set; } = TimeProvider.System;

    public static DateTimeOffset Now => Current.GetUtcNow();
}
