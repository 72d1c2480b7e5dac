using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Problems;

namespace Governance.Core.Webhooks;

/// <summary>
/// Standard Webhooks signatures: HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as
/// space-separated <c>v1,&lt;base64&gt;</c> entries. Verification accepts any configured secret (rotation),
/// a timestamp at most five minutes from now either way, and compares in constant time. A failure says which
/// check failed, never which secret was tried.
/// </summary>
public sealed class WebhookSignature(TimeProvider time)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    public const int MaxIdLength = 256;
    private const string VersionPrefix = "v1,";

    /// <summary>Checks the headers and signature; returns the verified <c>webhook-id</c>.</summary>
    public string Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<WebhookSecret> secrets)
    {
        if (secrets.Count == 0)
        {
            throw new InvalidOperationException("No webhook secret is configured for this source.");
        }

        var missing = new[]
        {
            (WebhookHeaders.IdHeader, headers.Id),
            (WebhookHeaders.TimestampHeader, headers.Timestamp),
            (WebhookHeaders.SignatureHeader, headers.Signature),
        }.Where(h => string.IsNullOrWhiteSpace(h.Item2)).Select(h => h.Item1).ToArray();
        if (missing.Length > 0)
        {
            throw Rejected($"Missing webhook header(s): {string.Join(", ", missing)}.");
        }

        var id = headers.Id!;
        if (id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            throw Rejected($"The webhook-id header must be at most {MaxIdLength} printable characters.");
        }

        if (!long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw Rejected("The webhook-timestamp header must be Unix time in whole seconds.");
        }

        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > Tolerance)
        {
            throw Rejected($"The webhook-timestamp is more than {Tolerance.TotalMinutes:0} minutes from the server's time.");
        }

        var candidates = ParseSignatures(headers.Signature!);
        if (candidates.Count == 0)
        {
            throw Rejected("The webhook-signature header has no v1 signature.");
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Compute(secret, id, seconds, body);
            foreach (var candidate in candidates)
            {
                // No early exit: every secret and candidate is compared, so timing says nothing about which matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched ? id : throw Rejected("No signature in webhook-signature matches the request body.");
    }

    /// <summary>Headers for an outbound message, signed with <paramref name="secret"/> at the current time.</summary>
    public WebhookHeaders Sign(string id, ReadOnlySpan<byte> body, WebhookSecret secret)
    {
        var seconds = time.GetUtcNow().ToUnixTimeSeconds();
        return new WebhookHeaders(id, seconds.ToString(CultureInfo.InvariantCulture), VersionPrefix + Convert.ToBase64String(Compute(secret, id, seconds, body)));
    }

    public static byte[] Compute(WebhookSecret secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret.Key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static List<byte[]> ParseSignatures(string header)
    {
        var result = new List<byte[]>();
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith(VersionPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var encoded = entry[VersionPrefix.Length..];
            var buffer = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                result.Add(buffer[..written]);
            }
        }

        return result;
    }

    private static GovernanceProblem Rejected(string detail) => GovernanceProblem.Unauthorized(detail, "Webhook-Signature");
}
