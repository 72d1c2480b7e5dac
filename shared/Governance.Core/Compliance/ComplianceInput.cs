using Governance.Core.Countries;
using Governance.Core.Validation;

namespace Governance.Core.Compliance;

/// <summary>Field checks shared by the compliance records' requests (each adds to a <see cref="ValidationErrors"/>).</summary>
public static class ComplianceInput
{
    /// <summary>No compliance record is dated before this.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of the server's clock a time said to be "now or earlier" may be (clock skew).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxReferenceLength = 200;

    /// <summary>The value trimmed; null for null or white space.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Whole milliseconds in UTC: what the table keeps of a time, so a repeated answer equals the first.</summary>
    public static DateTimeOffset ToMillisecond(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>A required single-line text of at most <paramref name="max"/> characters.</summary>
    public static ValidationErrors Line(this ValidationErrors errors, string field, string? value, int max = MaxNameLength, bool required = true)
    {
        if (required)
        {
            errors.Required(field, value);
        }

        return errors.MaxLength(field, value, max).NoControlCharacters(field, value);
    }

    /// <summary>Free text (line breaks allowed) of at most <paramref name="max"/> characters.</summary>
    public static ValidationErrors Text(this ValidationErrors errors, string field, string? value, int max = MaxTextLength, bool required = true)
    {
        if (required)
        {
            errors.Required(field, value);
        }

        return errors.MaxLength(field, value, max).NoControlCharacters(field, value, allowLineBreaks: true);
    }

    public static ValidationErrors OneOf(this ValidationErrors errors, string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null)
        {
            return errors.Add(field, $"is required (one of {string.Join(", ", allowed)}).");
        }

        return allowed.Contains(value, StringComparer.Ordinal) ? errors : errors.Add(field, $"must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>An officially assigned ISO 3166-1 alpha-2 code, in capitals.</summary>
    public static ValidationErrors Country(this ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return errors.Add(field, "is required (an ISO 3166-1 alpha-2 country code such as CN or DE).");
        }

        return Iso3166.IsAlpha2(value) ? errors : errors.Add(field, "must be an ISO 3166-1 alpha-2 country code, in capitals (e.g. CN, DE, US).");
    }

    /// <summary>A time that has happened: from 2000-01-01 up to now (with <see cref="ClockTolerance"/>).</summary>
    public static ValidationErrors Past(this ValidationErrors errors, string field, DateTimeOffset? value, DateTimeOffset now, bool required = true)
    {
        if (value is null)
        {
            return required ? errors.Add(field, "is required (an ISO 8601 date and time).") : errors;
        }

        if (value < Earliest)
        {
            return errors.Add(field, "must not be before 2000-01-01.");
        }

        return value > now + ClockTolerance ? errors.Add(field, "must not be in the future.") : errors;
    }

    /// <summary>A list of distinct record ids of <paramref name="prefix"/>: 1 to <paramref name="max"/> of them.</summary>
    public static ValidationErrors Ids(this ValidationErrors errors, string field, IReadOnlyList<string?>? ids, string prefix, int max, int min = 1)
    {
        if (ids is null || ids.Count < min)
        {
            return errors.Add(field, min == 0 ? "is required (a list, possibly empty)." : $"must list at least {min}.");
        }

        if (ids.Count > max)
        {
            return errors.Add(field, $"must list at most {max}.");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (!ComplianceIds.Is(ids[i], prefix))
            {
                errors.Add($"{field}[{i}]", $"is not an id of this kind ({prefix}…).");
            }
            else if (ids.Take(i).Contains(ids[i], StringComparer.Ordinal))
            {
                errors.Add($"{field}[{i}]", "is listed twice.");
            }
        }

        return errors;
    }
}
