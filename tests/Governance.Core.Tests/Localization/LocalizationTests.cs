using Governance.Core.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Localization;

public sealed class LocalizationTests
{
    private static readonly DateTimeOffset Evening = new(2026, 12, 6, 21, 40, 0, TimeSpan.Zero);

    [Fact]
    public void Times_are_written_in_the_platform_zone_in_each_language_with_the_utc_instant_kept_in_datetime()
    {
        Assert.Equal("2026年12月7日 05:40（UTC+8）", TestLocales.Chinese.FormatDateTime(Evening));
        Assert.Equal("7 December 2026, 05:40 (UTC+8)", TestLocales.English.FormatDateTime(Evening));
        Assert.Equal("<time datetime=\"2026-12-06T21:40:00.000Z\">7 December 2026, 05:40 (UTC+8)</time>", TestLocales.English.TimeElement(Evening));

        var india = new ReaderLocale(Language.English, NodaTime.DateTimeZoneProviders.Tzdb["Asia/Kolkata"]);
        var utc = new ReaderLocale(Language.English, NodaTime.DateTimeZoneProviders.Tzdb["Etc/UTC"]);
        var newYork = new ReaderLocale(Language.English, NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"]);
        Assert.Equal("7 December 2026, 03:10 (UTC+5:30)", india.FormatDateTime(Evening));
        Assert.Equal("6 December 2026, 21:40 (UTC)", utc.FormatDateTime(Evening));
        Assert.Equal("6 December 2026, 16:40 (UTC-5)", newYork.FormatDateTime(Evening));
        Assert.Equal("6 July 2026, 17:40 (UTC-4)", newYork.FormatDateTime(Evening.AddMonths(-5)));
    }

    [Theory]
    [InlineData("zh-cn", "zh-CN")]
    [InlineData("zh-hans-cn", "zh-Hans-CN")]
    [InlineData("EN", "en")]
    [InlineData("sr-latn-rs", "sr-Latn-RS")]
    [InlineData("de-CH-1901", "de-CH-1901")]
    [InlineData("es-419", "es-419")]
    [InlineData("en-US-x-Twain", "en-US-x-twain")]
    [InlineData("zh-cmn-Hans-CN", "zh-cmn-Hans-CN")]
    public void Well_formed_language_tags_are_kept_in_canonical_case(string tag, string expected)
        => Assert.Equal(expected, LanguageTags.Normalize(tag));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("zh_CN")]
    [InlineData("english!")]
    [InlineData("e")]
    [InlineData("zh-")]
    [InlineData("-zh")]
    [InlineData("zh--CN")]
    [InlineData("zh-CN\n")]
    [InlineData("abcdefghi")]
    [InlineData("en-US-x")]
    [InlineData("i-klingon")]
    [InlineData("中文")]
    [InlineData("en-aaaaaaaaa-bbbbbbbbb-ccccccccc-dddd")]
    public void Garbage_is_not_a_language_tag(string tag) => Assert.Null(LanguageTags.Normalize(tag));

    [Fact]
    public void A_catalog_must_have_strings_for_every_language()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Catalog<string>(new Dictionary<Language, string> { [Language.English] = "only English" }));

        Assert.Contains("zh-CN", ex.Message, StringComparison.Ordinal);
        Assert.Equal("中文", new Catalog<string>(new Dictionary<Language, string> { [Language.English] = "English", [Language.ChineseSimplified] = "中文" }).For(TestLocales.Chinese));
    }

    [Theory]
    [InlineData("Localization:TimeZone", "Mars/Olympus_Mons", "Localization__TimeZone")]
    [InlineData("Localization:TimeZone", "", "Localization__TimeZone")]
    [InlineData("Localization:DefaultLanguage", "fr", "Localization__DefaultLanguage")]
    public async Task A_bad_localization_setting_stops_start_up_naming_the_setting(string key, string value, string setting)
    {
        using var host = BuildHost(new() { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_choose_the_default_language_and_zone()
    {
        using var host = BuildHost(new() { ["Localization:DefaultLanguage"] = "en", ["Localization:TimeZone"] = "Europe/Berlin" });
        await host.StartAsync();

        var locale = host.Services.GetRequiredService<Localizer>().ForAcceptLanguage(null);

        Assert.Equal(Language.English, locale.Language);
        Assert.Equal("Europe/Berlin", locale.Zone.Id);
        Assert.Equal("zh-CN", host.Services.GetRequiredService<Localizer>().ForAcceptLanguage("zh").Language.Tag);
        await host.StopAsync();
    }

    [Fact]
    public void Without_settings_readers_get_simplified_chinese_and_china_standard_time()
    {
        var localizer = new Localizer(Options.Create(new LocalizationOptions()));

        Assert.Equal(Language.ChineseSimplified, localizer.Default.Language);
        Assert.Equal("Asia/Shanghai", localizer.Default.Zone.Id);
        Assert.Contains(new ServiceCollection().AddGovernance(new ConfigurationBuilder().Build()), d => d.ServiceType == typeof(Localizer));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddReportLocalization(builder.Configuration);
        return builder.Build();
    }
}
