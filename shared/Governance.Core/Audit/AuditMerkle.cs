using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Audit;

/// <summary>
/// The combined root of the chain heads: a binary Merkle tree in the shape of RFC 6962 (§2.1) over the heads of
/// the non-empty chains sorted by chain id (ordinal).
/// <list type="bullet">
/// <item>leaf = SHA-256(0x00 ‖ UTF-8(chain id + "\n" + decimal sequence + "\n" + head hash in lower-case hex))</item>
/// <item>node = SHA-256(0x01 ‖ left ‖ right) over the 32-byte child hashes</item>
/// <item>for n &gt; 1 leaves the left subtree holds the first k leaves, k the largest power of two below n</item>
/// </list>
/// The 0x00/0x01 prefixes keep a leaf from ever hashing like an inner node. A log without entries has the
/// genesis hash (64 zeros) as its root; a single chain's root is its leaf hash, never its bare head hash.
/// </summary>
public static class AuditMerkle
{
    public static string Root(IEnumerable<AuditChainHead> heads)
    {
        var sorted = heads.Where(h => h.Sequence > 0).OrderBy(h => h.Chain, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (string.Equals(sorted[i - 1].Chain, sorted[i].Chain, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Chain '{sorted[i].Chain}' appears twice among the heads.", nameof(heads));
            }
        }

        return sorted.Count == 0 ? AuditHashing.GenesisHash : Convert.ToHexStringLower(Tree(sorted.Select(Leaf).ToList(), 0, sorted.Count));
    }

    public static byte[] Leaf(AuditChainHead head)
    {
        var data = Encoding.UTF8.GetBytes(head.Chain + "\n" + head.Sequence.ToString(CultureInfo.InvariantCulture) + "\n" + head.Hash);
        var input = new byte[data.Length + 1];
        input[0] = 0x00;
        data.CopyTo(input, 1);
        return SHA256.HashData(input);
    }

    public static byte[] Node(byte[] left, byte[] right)
    {
        var input = new byte[1 + left.Length + right.Length];
        input[0] = 0x01;
        left.CopyTo(input, 1);
        right.CopyTo(input, 1 + left.Length);
        return SHA256.HashData(input);
    }

    private static byte[] Tree(List<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        return Node(Tree(leaves, start, split), Tree(leaves, start + split, count - split));
    }
}
