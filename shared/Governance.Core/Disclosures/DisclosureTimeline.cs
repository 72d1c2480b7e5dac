namespace Governance.Core.Disclosures;

/// <summary>
/// Which version applies when, computed from the versions and the clock at read time (never from what the
/// activation timer has recorded yet). The version in force is the highest-numbered one whose effectiveFrom
/// has come: a later publication can therefore replace a version that is still scheduled, which then never
/// applies (<see cref="VersionStatuses.Superseded"/>).
/// </summary>
public static class DisclosureTimeline
{
    public static DisclosureVersion? Current(IReadOnlyList<DisclosureVersion> versions, DateTimeOffset now)
        => versions.Where(v => v.IsEffectiveAt(now)).MaxBy(v => v.Version);

    /// <summary>The next version that will come into force, if any.</summary>
    public static DisclosureVersion? Next(IReadOnlyList<DisclosureVersion> versions, DateTimeOffset now)
        => versions
            .Where(v => !v.IsEffectiveAt(now) && !IsSuperseded(v, versions))
            .OrderBy(v => v.EffectiveFrom)
            .ThenBy(v => v.Version)
            .FirstOrDefault();

    /// <summary>True when a higher-numbered version takes effect no later than <paramref name="version"/>: it never applies.</summary>
    public static bool IsSuperseded(DisclosureVersion version, IReadOnlyList<DisclosureVersion> versions)
        => versions.Any(v => v.Version > version.Version && v.EffectiveFrom <= version.EffectiveFrom);

    /// <summary>The status a reader sees at <paramref name="now"/>.</summary>
    public static string StatusAt(DisclosureVersion version, IReadOnlyList<DisclosureVersion> versions, DateTimeOffset now)
        => IsSuperseded(version, versions) ? VersionStatuses.Superseded
            : version.IsEffectiveAt(now) ? VersionStatuses.Effective
            : VersionStatuses.Scheduled;
}
