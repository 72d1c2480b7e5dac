using System.Globalization;
using System.Text;

namespace Governance.Core.Storage;

/// <summary>
/// Makes any string safe as a PartitionKey or RowKey. Table keys forbid <c>/ \ # ?</c> and control
/// characters; those (and <c>%</c>, the escape character itself) become <c>%XX</c> per UTF-8 byte, so two
/// different inputs never map to the same key and plain keys stay readable.
/// </summary>
public static class TableKey
{
    /// <summary>The service limit is 1 KiB per key; escaping can triple a character.</summary>
    public const int MaxLength = 1024;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var c in value)
        {
            if (!NeedsEscape(c))
            {
                builder.Append(c);
                continue;
            }

            // Every escaped character is ASCII or a C1 control: never a surrogate, at most two UTF-8 bytes.
            var length = Encoding.UTF8.GetBytes([c], utf8);
            for (var b = 0; b < length; b++)
            {
                builder.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Escapes and checks the service's length limit (an input too long is a client fault the caller reports).</summary>
    public static bool TryEscape(string value, out string key)
    {
        key = Escape(value);
        return key.Length <= MaxLength;
    }

    private static bool NeedsEscape(char c)
        => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
