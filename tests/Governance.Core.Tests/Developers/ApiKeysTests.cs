using System.Security.Cryptography;
using System.Text;
using Governance.Core.Developers;

namespace Governance.Core.Tests.Developers;

public sealed class ApiKeysTests
{
    [Fact]
    public void Keys_have_the_prefix_and_are_unique()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeys.Generate()).ToList();

        Assert.All(keys, k => Assert.StartsWith("gk_", k, StringComparison.Ordinal));
        Assert.All(keys, k => Assert.True(ApiKeys.HasValidFormat(k)));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_hash_is_the_hex_SHA256_of_the_whole_key()
    {
        const string key = "gk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

        Assert.Equal(expected, ApiKeys.Hash(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gk_short")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("gk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public void Malformed_keys_are_recognised_without_storage(string key)
        => Assert.False(ApiKeys.HasValidFormat(key));

    [Fact]
    public void Hash_comparison_tells_equal_from_different()
    {
        var a = ApiKeys.Hash(ApiKeys.Generate());
        var b = ApiKeys.Hash(ApiKeys.Generate());

        Assert.True(ApiKeys.HashesEqual(a, new string(a)));
        Assert.False(ApiKeys.HashesEqual(a, b));
        Assert.False(ApiKeys.HashesEqual(a, a[..^1]));
    }
}
