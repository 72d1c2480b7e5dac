using Governance.Core.Storage;

namespace Governance.Core.Tests.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("plain-key_1.2", "plain-key_1.2")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a\\b#c?d", "a%5Cb%23c%3Fd")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("\u0085", "%C2%85")]
    [InlineData("数据", "数据")]
    public void Reserved_and_control_characters_are_percent_encoded(string input, string expected)
        => Assert.Equal(expected, TableKey.Escape(input));

    [Fact]
    public void Distinct_inputs_stay_distinct()
    {
        var inputs = new[] { "a/b", "a%2Fb", "a%252Fb", "a#b", "a%23b" };

        Assert.Equal(inputs.Length, inputs.Select(TableKey.Escape).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Keys_beyond_the_service_limit_are_reported()
    {
        Assert.True(TableKey.TryEscape(new string('a', 1024), out _));
        Assert.False(TableKey.TryEscape(new string('/', 400), out _));
    }
}
