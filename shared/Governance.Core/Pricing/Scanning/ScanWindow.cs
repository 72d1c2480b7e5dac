namespace Governance.Core.Pricing.Scanning;

/// <summary>The observations a scan covers: <c>From ≤ observedAt &lt; To</c>, UTC, at most <see cref="MaxDays"/> days.</summary>
public sealed record ScanWindow
{
    public const int MaxDays = 366;

    public ScanWindow(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentException("A scan window must end after it starts.", nameof(to));
        }

        if (to - from > TimeSpan.FromDays(MaxDays))
        {
            throw new ArgumentException($"A scan window covers at most {MaxDays} days.", nameof(to));
        }

        From = from.ToUniversalTime();
        To = to.ToUniversalTime();
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    /// <summary>The previous UTC day of <paramref name="now"/>: what the daily scan covers.</summary>
    public static ScanWindow PreviousDay(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new ScanWindow(today.AddDays(-1), today);
    }

    /// <summary>The UTC days the window touches, in order: one Hive partition each.</summary>
    public IEnumerable<DateOnly> Days()
    {
        var last = DateOnly.FromDateTime(To.UtcDateTime.AddTicks(-1));
        for (var day = DateOnly.FromDateTime(From.UtcDateTime); day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
