using Governance.Core.Onboarding.Clauses;

namespace Governance.Core.Tests.Onboarding;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("within twenty-four (24) hours", 24)]
    [InlineData("within 72 hours", 72)]
    [InlineData("within seventy two hours", 72)]
    [InlineData("no later than 3 business days", 72)]
    [InlineData("for three years", 3 * 24 * 365)]
    [InlineData("在二十四小时内", 24)]
    [InlineData("七十二小时", 72)]
    [InlineData("不少于三年", 3 * 24 * 365)]
    [InlineData("30日内", 720)]
    [InlineData("两天", 48)]
    [InlineData("十二个月", 12 * 730)]
    [InlineData("两年半", 2.5 * 24 * 365)]
    [InlineData("保存半年", 0.5 * 24 * 365)]
    [InlineData("for one and a half years", 1.5 * 24 * 365)]
    [InlineData("within 3-5 business days", 5 * 24)]
    [InlineData("在三至五个工作日内", 5 * 24)]
    public void Periods_are_read_in_words_digits_and_chinese_numerals(string text, double hours)
        => Assert.Equal(hours, Durations.InHours(text).Single(), precision: 0);

    [Theory]
    [InlineData("本协议于2025年1月1日签订")]
    [InlineData("Section 5 applies")]
    public void Dates_and_numbers_without_units_are_not_periods(string text)
        => Assert.Empty(Durations.InHours(text));
}
