using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Governance.Core.Problems;

namespace Governance.Core.Audit;

/// <summary>
/// The continuation token of <c>GET /api/audit</c>: the last sequence returned per chain, as base64url of
/// <c>v1;{chain}={sequence},…</c>. Opaque to clients; anything that does not parse as one (bad base64, an unknown
/// version, a malformed chain id, a sequence below 1, more chains than the log can have) is a 400.
/// </summary>
public static class AuditPageToken
{
    private const string Version = "v1;";
    private const int MaxLength = 64 * 1024;
    private const int MaxChains = 8192;

    public static string Format(IReadOnlyDictionary<string, long> positions)
    {
        var text = Version + string.Join(',', positions.Where(p => p.Value > 0).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static IReadOnlyDictionary<string, long> Parse(string? token)
    {
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(token))
        {
            return positions;
        }

        string text;
        try
        {
            text = token.Length <= MaxLength && Base64Url.IsValid(token) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) : string.Empty;
        }
        catch (FormatException)
        {
            text = string.Empty;
        }

        if (!text.StartsWith(Version, StringComparison.Ordinal))
        {
            throw Invalid();
        }

        foreach (var part in text[Version.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !AuditChains.IsChainId(part[..equals])
                || !long.TryParse(part.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1
                || !positions.TryAdd(part[..equals], sequence) || positions.Count > MaxChains)
            {
                throw Invalid();
            }
        }

        return positions.Count > 0 ? positions : throw Invalid();
    }

    private static GovernanceProblem Invalid()
        => GovernanceProblem.Validation(new Dictionary<string, string[]> { ["continuationToken"] = ["is not a token this API returned."] });
}
