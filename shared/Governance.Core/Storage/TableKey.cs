using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Core.Storage;

/// <summary>
/// Makes any string safe as a PartitionKey or RowKey. Table keys forbid <c>/ \ # ?</c> and control
/// characters; those (and <c>%</c>, the escape character itself) become <c>%XX</c> per UTF-8 byte, so two
/// different inputs never map to the same key and plain keys stay readable.
/// <para>
/// Keys derived from client input go through <see cref="FromInput"/>: short inputs keep their readable escaped
/// key (so rows written before it existed are still found), longer ones become a fixed-length hash. A key is
/// never truncated: two inputs sharing a prefix must not share a row.
/// </para>
/// </summary>
public static class TableKey
{
    /// <summary>
    /// The most characters a key may have. Azure documents 1 KiB per key (UTF-16: 512 characters); Azurite
    /// refuses anything longer than 512 characters.
    /// </summary>
    public const int MaxLength = 512;

    /// <summary>
    /// The longest escaped input <see cref="FromInput"/> keeps readable. Leaves room for the short constant
    /// prefixes and separators the stores put around a key (<c>settlement|</c>, <c>m|</c>, a scope…).
    /// </summary>
    public const int MaxReadableLength = 200;

    /// <summary>
    /// Starts every hashed key. Escaping only ever writes <c>%</c> followed by two hex digits, so no readable
    /// key can start with (or contain) this prefix, and a hashed key never equals the readable key of another input.
    /// </summary>
    public const string HashedPrefix = "%~";

    /// <summary>Length of a hashed key: the prefix and SHA-256 as 64 lowercase hex digits.</summary>
    public const int HashedLength = 66;

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

    /// <summary>
    /// The key for a value that came from outside (a header, a body field, a route value) and so may be of any
    /// length: its escaped form when that has at most <see cref="MaxReadableLength"/> characters and is valid
    /// UTF-16, else <see cref="HashedPrefix"/> + SHA-256 of its UTF-16 code units (exact for any string, lone
    /// surrogates included). Deterministic, so every request with the same value finds the same row.
    /// </summary>
    public static string FromInput(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxReadableLength && !HasLoneSurrogate(value))
        {
            var escaped = Escape(value);
            if (escaped.Length <= MaxReadableLength)
            {
                return escaped;
            }
        }

        var hash = SHA256.HashData(MemoryMarshal.AsBytes(value.AsSpan()));
        return HashedPrefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>Escapes and checks the service's length limit (an input too long is a client fault the caller reports).</summary>
    public static bool TryEscape(string value, out string key)
    {
        key = Escape(value);
        return key.Length <= MaxLength;
    }

    /// <summary>Whether the table service accepts <paramref name="key"/>: length, no reserved or control characters.</summary>
    public static bool IsValid(string key)
        => key.Length is > 0 and <= MaxLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) && !HasLoneSurrogate(key);

    private static bool NeedsEscape(char c)
        => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
