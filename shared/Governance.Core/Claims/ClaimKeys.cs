using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Claims;

/// <summary>
/// Claim ids and status tokens. The claim id is derived from the natural key (user, app, order, damage
/// category), so two deliveries of the same claim compete for the same row and the table's insert conflict
/// decides, race-free, which one is the claim and which is the duplicate.
/// </summary>
public static class ClaimKeys
{
    public const string IdPrefix = "clm_";
    public const string TokenPrefix = "cst_";

    /// <summary>Sorts after every claim id (the character after '_'), for range queries over claims.</summary>
    public const string IdRangeEnd = "clm`";

    public static string ClaimIdFor(string userId, string appId, string orderId, string damageCategory)
    {
        // Length-prefixed parts, so no choice of values can make two different keys hash alike.
        var canonical = new StringBuilder();
        foreach (var part in new[] { userId, appId, orderId, damageCategory })
        {
            canonical.Append(part.Length).Append(':').Append(part).Append('|');
        }

        return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..32];
    }

    /// <summary>Whether <paramref name="claimId"/> has the shape of a claim id (and so is a safe table key).</summary>
    public static bool IsClaimId(string? claimId)
        => claimId is { Length: 36 } && claimId.StartsWith(IdPrefix, StringComparison.Ordinal)
            && claimId.AsSpan(IdPrefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;

    public static string NewStatusToken()
        => TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares the token's hash with the stored hash in constant time.</summary>
    public static bool TokenMatches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        var presented = Encoding.ASCII.GetBytes(HashToken(token));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
