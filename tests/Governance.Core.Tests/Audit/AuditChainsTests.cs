using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Audit;
using Governance.Core.Storage;

namespace Governance.Core.Tests.Audit;

public sealed class AuditChainsTests
{
    [Theory]
    [InlineData("claims/c-1", "claims")]
    [InlineData("apps/app-1", "apps")]
    [InlineData("disclosures/privacy-policy/versions/3", "disclosures")]
    [InlineData("platform/profile", "platform")]
    [InlineData("claims", "other")]
    [InlineData("Claims/c-1", "other")]
    [InlineData("/claims/c-1", "other")]
    [InlineData("cla ims/c-1", "other")]
    [InlineData("9lives/x", "other")]
    public void The_duty_is_the_resources_first_path_segment_when_it_is_a_plain_name(string resource, string duty)
        => Assert.Equal(duty, AuditChains.Duty(resource));

    [Fact]
    public void A_first_segment_longer_than_forty_characters_is_not_a_duty()
    {
        Assert.Equal(new string('a', 40), AuditChains.Duty(new string('a', 40) + "/x"));
        Assert.Equal("other", AuditChains.Duty(new string('a', 41) + "/x"));
    }

    [Theory]
    [InlineData("claims/c-1", 8)]
    [InlineData("apps/app-1", 8)]
    [InlineData("disclosures/privacy-policy/1", 3)]
    [InlineData("claims/数据-1", 256)]
    public void The_shard_is_the_first_eight_bytes_of_the_resources_sha_256_mod_n(string resource, int shards)
    {
        var expected = (int)(BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(resource))) % (ulong)shards);

        var chain = AuditChains.Assign(resource, shards);

        Assert.Equal(expected, chain.Shard);
        Assert.Equal($"{AuditChains.Duty(resource)}.{expected}", chain.Id);
        Assert.True(AuditChains.IsChainId(chain.Id));
    }

    [Fact]
    public void Every_entry_of_a_resource_goes_to_one_chain_and_resources_spread_over_all_shards()
    {
        var chains = Enumerable.Range(0, 400).Select(i => AuditChains.Assign($"claims/c-{i}", 8)).ToList();

        Assert.All(Enumerable.Range(0, 400), i => Assert.Equal(chains[i], AuditChains.Assign($"claims/c-{i}", 8)));
        Assert.Equal(Enumerable.Range(0, 8), chains.Select(c => c.Shard).Distinct().Order());
        Assert.All(chains.GroupBy(c => c.Shard), g => Assert.InRange(g.Count(), 25, 80));
        Assert.Equal("claims.0", AuditChains.Assign("claims/c-7", 1).Id);
    }

    [Theory]
    [InlineData("claims.0", true)]
    [InlineData("claims.255", true)]
    [InlineData("on-boarding.12", true)]
    [InlineData("claims.01", false)]
    [InlineData("claims", false)]
    [InlineData("Claims.1", false)]
    [InlineData("claims.1000", false)]
    [InlineData("claims.-1", false)]
    [InlineData("cl/aims.1", false)]
    public void Chain_ids_have_one_form(string chain, bool valid) => Assert.Equal(valid, AuditChains.IsChainId(chain));

    [Fact]
    public void Long_record_ids_get_a_hashed_marker_key_that_no_escaped_key_can_equal()
    {
        var shortId = "claims/c-1:t-1";
        var longId = new string('/', 512); // escapes to 1,536 characters

        Assert.Equal("id|claims%2Fc-1:t-1", AuditKeys.MarkerRowKey(shortId));
        var hashed = AuditKeys.MarkerRowKey(longId);
        Assert.Equal("id|" + TableKey.FromInput(longId), hashed);
        Assert.StartsWith("id|" + TableKey.HashedPrefix, hashed, StringComparison.Ordinal);
        Assert.True(hashed.Length < 100, hashed);
        Assert.NotEqual(hashed, AuditKeys.MarkerRowKey(new string('/', 511)));
        Assert.DoesNotContain(TableKey.HashedPrefix, AuditKeys.MarkerRowKey(TableKey.HashedPrefix + new string('0', 64)), StringComparison.Ordinal);
    }
}
