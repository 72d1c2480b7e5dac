using System.Text;
using System.Text.Json;

namespace Governance.Core.Pricing.Observations;

/// <summary>
/// The canonical form of a set of trading conditions: a JSON object with keys in ordinal order and no
/// whitespace, e.g. <c>{"region":"north","tier":"gold"}</c>. Two observations share a cell only when their keys
/// are equal, so a cell never mixes conditions; the form is also a convenient GROUP BY column for Spark or DuckDB.
/// </summary>
public static class ConditionsKey
{
    public const string Empty = "{}";

    public static string Format(IReadOnlyList<KeyValuePair<string, string>> sortedConditions)
    {
        if (sortedConditions.Count == 0)
        {
            return Empty;
        }

        if (sortedConditions.All(p => IsPlain(p.Key) && IsPlain(p.Value)))
        {
            // The same text Utf8JsonWriter writes, without its buffers: nothing in these strings needs escaping.
            var builder = new StringBuilder(2 + (sortedConditions.Count * 16));
            builder.Append('{');
            foreach (var (key, value) in sortedConditions)
            {
                builder.Append(builder.Length > 1 ? ",\"" : "\"").Append(key).Append("\":\"").Append(value).Append('"');
            }

            return builder.Append('}').ToString();
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in sortedConditions)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsPlain(string text) => !text.AsSpan().ContainsAnyExcept(PlainCharacters);

    private static readonly System.Buffers.SearchValues<char> PlainCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.: ");

    /// <summary>The conditions of a canonical key, in key order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string key)
    {
        using var document = JsonDocument.Parse(key);
        return document.RootElement.EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? string.Empty))
            .ToList();
    }
}
