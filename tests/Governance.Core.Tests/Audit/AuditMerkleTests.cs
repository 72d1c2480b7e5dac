using System.Security.Cryptography;
using System.Text;
using Governance.Core.Audit;

namespace Governance.Core.Tests.Audit;

public sealed class AuditMerkleTests
{
    private static readonly AuditChainHead Apps = new("apps.0", 3, new string('a', 64));
    private static readonly AuditChainHead Claims = new("claims.1", 7, new string('b', 64));
    private static readonly AuditChainHead Disclosures = new("disclosures.2", 1, new string('c', 64));

    /// <summary>SHA-256 of the given byte pieces, computed here independently of the production code.</summary>
    private static byte[] Sha(params byte[][] pieces) => SHA256.HashData(pieces.SelectMany(p => p).ToArray());

    private static byte[] Leaf(AuditChainHead head) => Sha([0x00], Encoding.UTF8.GetBytes($"{head.Chain}\n{head.Sequence}\n{head.Hash}"));

    private static byte[] Node(byte[] left, byte[] right) => Sha([0x01], left, right);

    [Fact]
    public void A_log_without_entries_has_the_genesis_root()
    {
        Assert.Equal(AuditHashing.GenesisHash, AuditMerkle.Root([]));
        Assert.Equal(AuditHashing.GenesisHash, AuditMerkle.Root([new AuditChainHead("claims.0", 0, AuditHashing.GenesisHash)]));
    }

    [Fact]
    public void One_chain_has_its_domain_separated_leaf_hash_as_root_never_its_bare_head_hash()
    {
        var root = AuditMerkle.Root([Claims]);

        Assert.Equal(Convert.ToHexStringLower(Leaf(Claims)), root);
        Assert.NotEqual(Claims.Hash, root);
    }

    [Fact]
    public void Three_chains_form_the_rfc_6962_shape_over_heads_sorted_by_chain_id()
    {
        var expected = Node(Node(Leaf(Apps), Leaf(Claims)), Leaf(Disclosures));

        Assert.Equal(Convert.ToHexStringLower(expected), AuditMerkle.Root([Disclosures, Apps, Claims]));
        Assert.Equal(AuditMerkle.Root([Apps, Claims, Disclosures]), AuditMerkle.Root([Claims, Disclosures, Apps]));
    }

    [Fact]
    public void Five_chains_split_at_the_largest_power_of_two_below_the_count()
    {
        var heads = Enumerable.Range(0, 5).Select(i => new AuditChainHead($"d{i}.0", i + 1, new string((char)('0' + i), 64))).ToList();
        var leaves = heads.Select(Leaf).ToList();
        var expected = Node(Node(Node(leaves[0], leaves[1]), Node(leaves[2], leaves[3])), leaves[4]);

        Assert.Equal(Convert.ToHexStringLower(expected), AuditMerkle.Root(heads));
    }

    [Fact]
    public void Any_change_to_a_head_changes_the_root()
    {
        var root = AuditMerkle.Root([Apps, Claims, Disclosures]);

        Assert.NotEqual(root, AuditMerkle.Root([Apps, Claims with { Sequence = 8 }, Disclosures]));
        Assert.NotEqual(root, AuditMerkle.Root([Apps, Claims with { Hash = new string('d', 64) }, Disclosures]));
        Assert.NotEqual(root, AuditMerkle.Root([Apps, Claims with { Chain = "claims.2" }, Disclosures]));
        Assert.NotEqual(root, AuditMerkle.Root([Apps, Claims]));
    }

    [Fact]
    public void An_inner_node_cannot_pass_for_a_leaf()
    {
        // Two leaves combine to SHA-256(0x01 ‖ l ‖ r); a leaf is SHA-256(0x00 ‖ …), so no head can hash to that node.
        var pair = AuditMerkle.Root([Apps, Claims]);

        Assert.Equal(Convert.ToHexStringLower(Node(Leaf(Apps), Leaf(Claims))), pair);
        Assert.NotEqual(Convert.ToHexStringLower(Sha([0x00], Leaf(Apps), Leaf(Claims))), pair);
    }

    [Fact]
    public void The_same_chain_twice_is_refused()
        => Assert.Throws<ArgumentException>(() => AuditMerkle.Root([Claims, Claims with { Hash = new string('e', 64) }]));

    [Fact]
    public void The_combined_head_counts_every_entry_and_lists_only_non_empty_chains_in_order()
    {
        var head = AuditHead.Of([Disclosures, new AuditChainHead("pricing.0", 0, AuditHashing.GenesisHash), Apps]);

        Assert.Equal(4, head.Sequence);
        Assert.Equal(["apps.0", "disclosures.2"], head.Heads.Select(h => h.Chain));
        Assert.Equal(AuditMerkle.Root([Apps, Disclosures]), head.Hash);
    }
}
