using Governance.LocalHost.Timers;

namespace Governance.Functions.Tests.LocalHostUnit;

public sealed class TimerScheduleTests
{
    [Fact]
    public void Six_field_ncrontab_counts_seconds()
    {
        var next = TimerFunctionScheduler.Parse("0 */5 * * * *");

        Assert.Equal(new DateTime(2026, 11, 28, 10, 5, 0, DateTimeKind.Utc), next(new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 11, 28, 10, 5, 0, DateTimeKind.Utc), next(new DateTime(2026, 11, 28, 10, 3, 17, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_timespan_schedule_is_an_interval()
    {
        var next = TimerFunctionScheduler.Parse("00:00:30");

        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 30, DateTimeKind.Utc), next(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("every minute")]
    public void A_five_field_or_garbage_schedule_is_rejected_at_start(string schedule)
        => Assert.Throws<InvalidOperationException>(() => TimerFunctionScheduler.Parse(schedule));
}
