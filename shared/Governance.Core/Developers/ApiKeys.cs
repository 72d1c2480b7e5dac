using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Developers;

/// <summary>
/// Developer API keys: <c>gk_</c> followed by 32 random bytes in base64url. Only the SHA-256 of a key is
/// stored; a key has 256 bits of entropy, so an unsalted fast hash is enough (no dictionary to attack).
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "gk_";
    private const int SecretBytes = 32;
    private static readonly int EncodedLength = Base64Url.GetEncodedLength(SecretBytes);

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Lowercase hex SHA-256 of the whole key (prefix included).</summary>
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>True when the key has the shape of a key we issue: cheap rejection before any storage read.</summary>
    public static bool HasValidFormat(string apiKey)
        => apiKey.Length == Prefix.Length + EncodedLength
            && apiKey.StartsWith(Prefix, StringComparison.Ordinal)
            && Base64Url.IsValid(apiKey.AsSpan(Prefix.Length));

    /// <summary>Compares two hex hashes in constant time.</summary>
    public static bool HashesEqual(string left, string right)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
}
