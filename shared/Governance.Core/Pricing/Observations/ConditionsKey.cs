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

    /// <summary>The conditions of a canonical key, in key order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string key)
    {
        using var document = JsonDocument.Parse(key);
        return document.RootElement.EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? string.Empty))
            .ToList();
    }
}
