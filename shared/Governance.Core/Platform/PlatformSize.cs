using Governance.Core.Policies;

namespace Governance.Core.Platform;

/// <summary>The platform's user numbers, as declared by an operator.</summary>
public sealed record PlatformSize(long DailyActiveUsers, long MonthlyActiveUsers, long RegisteredUsers)
{
    public static PlatformSize Unknown { get; } = new(0, 0, 0);

    /// <summary>True when any criterion the profile sets is met ("above" strictly, "at least" inclusively).</summary>
    public bool IsLargePlatform(LargePlatformThresholds thresholds)
        => (thresholds.DailyActiveUsersAbove is { } dau && DailyActiveUsers > dau)
            || (thresholds.MonthlyActiveUsersAtLeast is { } mau && MonthlyActiveUsers >= mau)
            || (thresholds.RegisteredUsersAtLeast is { } registered && RegisteredUsers >= registered);
}

/// <summary>The stored size with when and by whom it was last set.</summary>
public sealed record PlatformProfile(PlatformSize Size, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    /// <summary>What kind of operator the platform is (<see cref="OperatorTypes"/>); null until an operator declares it.</summary>
    public string? OperatorType { get; init; }
}

/// <summary>
/// The body of <c>PUT /api/platform/profile</c> as it arrives: every number nullable, so a missing one is a 400
/// naming the field instead of a silent 0 (which would switch off large-platform duties). <c>operatorType</c> is
/// optional: when absent, the type declared before (if any) stays.
/// </summary>
public sealed record PlatformSizeRequest(long? DailyActiveUsers, long? MonthlyActiveUsers, long? RegisteredUsers, string? OperatorType = null);
