using Governance.Core.Localization;

namespace Governance.Core.Tests.Localization;

public sealed class LanguageNegotiationTests
{
    [Theory]
    [InlineData(null, "zh-CN")]
    [InlineData("", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-SG", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("ZH-cn", "zh-CN")]
    [InlineData("*", "zh-CN")]
    [InlineData("fr-FR, de;q=0.8", "zh-CN")]
    [InlineData("fr-FR, en;q=0.2", "en")]
    [InlineData("zh-CN;q=0.4, en;q=0.6", "en")]
    [InlineData("en;q=0.5, zh;q=0.5", "en")]
    [InlineData("zh;q=0.5, en;q=0.5", "zh-CN")]
    [InlineData("zh;q=0, *", "en")]
    [InlineData("*;q=0.1, en;q=0", "zh-CN")]
    [InlineData("en;q=0", "zh-CN")]
    [InlineData("zh-TW, en;q=0.5", "en")]
    [InlineData("zh-Hant, zh-HK, en;q=0.1", "en")]
    [InlineData("en;q=abc, zh-CN;q=0.3", "zh-CN")]
    [InlineData("en;q=2, zh-CN;q=0.3", "zh-CN")]
    [InlineData("<script>, ;;;, =, en", "en")]
    public void The_readers_language_follows_accept_language_with_q_values(string? header, string expected)
        => Assert.Equal(expected, LanguageNegotiation.Negotiate(header, Language.ChineseSimplified).Tag);

    [Fact]
    public void The_default_language_is_a_setting_and_a_wildcard_prefers_it()
    {
        Assert.Equal("en", LanguageNegotiation.Negotiate(null, Language.English).Tag);
        Assert.Equal("en", LanguageNegotiation.Negotiate("*", Language.English).Tag);
        Assert.Equal("zh-CN", LanguageNegotiation.Negotiate("en;q=0, *", Language.English).Tag);
    }

    [Fact]
    public void A_huge_header_is_read_only_so_far_and_never_fails()
    {
        var header = string.Join(",", Enumerable.Repeat("fr;q=0.9", 10_000)) + ",en";

        Assert.Equal("zh-CN", LanguageNegotiation.Negotiate(header, Language.ChineseSimplified).Tag);
        Assert.Equal("zh-CN", LanguageNegotiation.Negotiate(new string('\u0080', 100_000), Language.ChineseSimplified).Tag);
    }
}
