using System.Globalization;
using System.Net;
using NodaTime;

namespace Governance.Core.Localization;

/// <summary>How one reader is addressed: the chrome's language and the zone times are shown in.</summary>
public sealed record ReaderLocale(Language Language, DateTimeZone Zone)
{
    /// <summary>The instant as a local date and time in <see cref="Zone"/>, in <see cref="Language"/>.</summary>
    public string FormatDateTime(DateTimeOffset instant) => Language.FormatDateTime(Instant.FromDateTimeOffset(instant).InZone(Zone));

    /// <summary>An HTML <c>&lt;time&gt;</c>: the UTC instant in <c>datetime</c> (machine-readable, unchanged), the local time as its text.</summary>
    public string TimeElement(DateTimeOffset instant)
        => $"<time datetime=\"{Iso(instant)}\">{WebUtility.HtmlEncode(FormatDateTime(instant))}</time>";

    /// <summary>RFC 3339 UTC with milliseconds, as in the JSON: <c>2026-12-06T21:40:00.000Z</c>.</summary>
    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
