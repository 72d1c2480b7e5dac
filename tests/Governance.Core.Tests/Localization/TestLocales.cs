using Governance.Core.Localization;
using NodaTime;

namespace Governance.Core.Tests;

/// <summary>Reader locales in the default platform zone (Asia/Shanghai, UTC+8).</summary>
public static class TestLocales
{
    public static DateTimeZone Shanghai { get; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static ReaderLocale English { get; } = new(Language.English, Shanghai);

    public static ReaderLocale Chinese { get; } = new(Language.ChineseSimplified, Shanghai);
}
