using System.Text.Json;

namespace Governance.Core.Pricing.Observations;

/// <summary>Reads the two maps of a line: conditions (string values) and attributes (string or number values).</summary>
internal static class ObservationMaps
{
    public static string? ReadConditions(ref Utf8JsonReader reader, out List<KeyValuePair<string, string>>? conditions)
    {
        conditions = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "conditions: must be an object of strings.";
        }

        var list = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var error = ReadKey(ref reader, "conditions", list.Count, ObservationLimits.MaxConditions, out var key);
            if (error is not null)
            {
                return error;
            }

            reader.Read();
            error = ObservationLineParser.ReadText(ref reader, $"conditions.{key}", ObservationLimits.MaxValueLength, allowEmpty: true, out var value);
            if (error is not null)
            {
                return error;
            }

            list.Add(KeyValuePair.Create(key, value));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        conditions = list;
        return FirstDuplicate(list.Select(p => p.Key), "conditions");
    }

    public static string? ReadAttributes(ref Utf8JsonReader reader, out List<ObservationAttribute>? attributes)
    {
        attributes = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "attributes: must be an object of strings and numbers.";
        }

        var list = new List<ObservationAttribute>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var error = ReadKey(ref reader, "attributes", list.Count, ObservationLimits.MaxAttributes, out var name);
            if (error is not null)
            {
                return error;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    return $"attributes.{name}: must be a finite number.";
                }

                list.Add(ObservationAttribute.Of(name, number));
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                return $"attributes.{name}: must be a string or a number.";
            }

            error = ObservationLineParser.ReadText(ref reader, $"attributes.{name}", ObservationLimits.MaxValueLength, allowEmpty: true, out var text);
            if (error is not null)
            {
                return error;
            }

            list.Add(ObservationAttribute.Of(name, text));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        attributes = list;
        return FirstDuplicate(list.Select(a => a.Name), "attributes");
    }

    private static string? ReadKey(ref Utf8JsonReader reader, string map, int count, int max, out string key)
    {
        key = string.Empty;
        if (count >= max)
        {
            return $"{map}: at most {max} keys.";
        }

        return ObservationLineParser.ReadText(ref reader, $"{map} key", ObservationLimits.MaxKeyLength, allowEmpty: false, out key);
    }

    private static string? FirstDuplicate(IEnumerable<string> sortedKeys, string map)
    {
        string? previous = null;
        foreach (var key in sortedKeys)
        {
            if (key == previous)
            {
                return $"{map}.{key}: appears more than once.";
            }

            previous = key;
        }

        return null;
    }
}
