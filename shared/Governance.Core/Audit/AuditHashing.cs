using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Audit;

/// <summary>
/// The canonical form of an entry and its hash. The canonical form is compact JSON with a fixed property
/// order — chain (when the entry has one, as every entry of the sharded log does), sequence, time, actor
/// {kind, id, role}, action, resource, outcome, rule, profile, details (keys sorted ordinally) — absent values as <c>null</c>, time as UTC with 7 fractional digits, and strings escaped
/// only where JSON requires it (<c>"</c>, <c>\</c>, control characters as <c>\u00XX</c>). It is written by hand
/// so no serializer setting or library upgrade can change the bytes of an entry already chained.
/// </summary>
public static class AuditHashing
{
    public static readonly string GenesisHash = new('0', 64);

    public static string ComputeHash(string previousHash, AuditEntry entry)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + Canonical(entry))));

    public static string Canonical(AuditEntry entry)
    {
        var json = new StringBuilder(256);
        json.Append('{');
        if (entry.Chain is not null)
        {
            json.Append("\"chain\":");
            String(json, entry.Chain);
            json.Append(',');
        }

        json.Append("\"sequence\":").Append(entry.Sequence.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"time\":");
        String(json, entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.Append(",\"actor\":{\"kind\":");
        String(json, entry.Actor.Kind);
        json.Append(",\"id\":");
        String(json, entry.Actor.Id);
        json.Append(",\"role\":");
        String(json, entry.Actor.Role);
        json.Append("},\"action\":");
        String(json, entry.Action);
        json.Append(",\"resource\":");
        String(json, entry.Resource);
        json.Append(",\"outcome\":");
        String(json, entry.Outcome);
        json.Append(",\"rule\":");
        String(json, entry.Rule);
        json.Append(",\"profile\":");
        String(json, entry.Profile);
        json.Append(",\"details\":{");
        var first = true;
        foreach (var pair in entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            String(json, pair.Key);
            json.Append(':');
            String(json, pair.Value);
        }

        return json.Append("}}").ToString();
    }

    private static void String(StringBuilder json, string? value)
    {
        if (value is null)
        {
            json.Append("null");
            return;
        }

        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
