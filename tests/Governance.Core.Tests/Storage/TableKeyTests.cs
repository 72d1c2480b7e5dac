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
        Assert.True(TableKey.TryEscape(new string('a', 512), out _));
        Assert.False(TableKey.TryEscape(new string('a', 513), out _));
        Assert.False(TableKey.TryEscape(new string('/', 200), out _));
    }

    [Theory]
    [InlineData("plain-key_1.2")]
    [InlineData("a/b")]
    [InlineData("100%")]
    [InlineData("数据")]
    public void Short_inputs_keep_their_readable_escaped_key(string input)
        => Assert.Equal(TableKey.Escape(input), TableKey.FromInput(input));

    [Fact]
    public void Long_inputs_are_hashed_to_a_fixed_length_far_below_the_service_limit()
    {
        var percent = TableKey.FromInput(new string('%', 200));
        var letters = TableKey.FromInput(new string('a', 5000));
        var controls = TableKey.FromInput(new string('\u0080', 171));

        Assert.All([percent, letters, controls], key =>
        {
            Assert.Equal(TableKey.HashedLength, key.Length);
            Assert.True(TableKey.IsValid(key));
        });
        Assert.Equal(percent, TableKey.FromInput(new string('%', 200)));
        Assert.NotEqual(percent, TableKey.FromInput(new string('%', 201)));
    }

    [Fact]
    public void The_longest_readable_key_is_kept_and_one_character_more_is_hashed()
    {
        var longest = new string('a', TableKey.MaxReadableLength);

        Assert.Equal(longest, TableKey.FromInput(longest));
        Assert.Equal(TableKey.HashedLength, TableKey.FromInput(longest + "a").Length);
    }

    [Fact]
    public void A_hashed_key_never_equals_the_escaped_key_of_another_input()
    {
        var hashed = TableKey.FromInput(new string('x', 1000));

        // Escaping never produces '%' followed by anything but two hex digits, so no readable key looks hashed.
        Assert.StartsWith(TableKey.HashedPrefix, hashed, StringComparison.Ordinal);
        Assert.NotEqual(hashed, TableKey.FromInput(hashed));
    }

    [Fact]
    public void Inputs_that_differ_only_in_lone_surrogates_get_different_keys()
    {
        var a = TableKey.FromInput("x\uD800");
        var b = TableKey.FromInput("x\uDBFF");

        Assert.NotEqual(a, b);
        Assert.True(TableKey.IsValid(a));
    }
}
