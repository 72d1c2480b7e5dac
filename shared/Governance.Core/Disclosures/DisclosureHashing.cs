using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Disclosures;

public static class DisclosureHashing
{
    /// <summary>SHA-256 of the UTF-8 bytes, lowercase hex: the published <c>sha256</c> and the content's blob name.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
