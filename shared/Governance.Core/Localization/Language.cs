using System.Globalization;
using NodaTime;

namespace Governance.Core.Localization;

/// <summary>
/// A language the app's HTML reports speak (their chrome: headings, labels, dates), with its BCP 47 tag and its
/// way of writing a date and time. The app runs with invariant globalization, so the formats are written here
/// rather than taken from culture data.
/// </summary>
public sealed class Language
{
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly Func<LocalDateTime, string, string> _dateTime;

    private Language(string tag, Func<LocalDateTime, string, string> dateTime)
    {
        Tag = tag;
        _dateTime = dateTime;
    }

    /// <summary>Simplified Chinese: <c>2026年12月7日 05:40（UTC+8）</c>.</summary>
    public static Language ChineseSimplified { get; } = new("zh-CN", (t, offset) => string.Create(
        CultureInfo.InvariantCulture, $"{t.Year}年{t.Month}月{t.Day}日 {t.Hour:00}:{t.Minute:00}（{offset}）"));

    /// <summary>English: <c>7 December 2026, 05:40 (UTC+8)</c>.</summary>
    public static Language English { get; } = new("en", (t, offset) => string.Create(
        CultureInfo.InvariantCulture, $"{t.Day} {EnglishMonths[t.Month - 1]} {t.Year}, {t.Hour:00}:{t.Minute:00} ({offset})"));

    /// <summary>Every supported language; each report's <see cref="Catalog{TStrings}"/> has strings for all of them.</summary>
    public static IReadOnlyList<Language> All { get; } = [ChineseSimplified, English];

    /// <summary>The BCP 47 tag, for <c>lang</c>, <c>xml:lang</c> and <c>Content-Language</c>.</summary>
    public string Tag { get; }

    /// <summary>The supported language with this tag (case-insensitive), or null.</summary>
    public static Language? Find(string? tag) => All.FirstOrDefault(l => string.Equals(l.Tag, tag?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A local date and time in this language, with the zone's UTC offset at that moment.</summary>
    public string FormatDateTime(ZonedDateTime time) => _dateTime(time.LocalDateTime, Offset(time.Offset));

    public override string ToString() => Tag;

    /// <summary><c>UTC</c>, <c>UTC+8</c>, <c>UTC+5:30</c>, <c>UTC-3</c>.</summary>
    private static string Offset(Offset offset)
    {
        var seconds = offset.Seconds;
        if (seconds == 0)
        {
            return "UTC";
        }

        var sign = seconds < 0 ? '-' : '+';
        var minutes = Math.Abs(seconds) / 60;
        return minutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{minutes / 60}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{minutes / 60}:{minutes % 60:00}");
    }
}
