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
            error = ObservationLineParser.ReadText(ref reader, ObservationLimits.MaxValueLength, allowEmpty: true, out var value);
            if (error is not null)
            {
                return $"conditions.{key}: {error}";
            }

            list.Add(KeyValuePair.Create(key, value));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        conditions = list;
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Key == list[i - 1].Key)
            {
                return $"conditions.{list[i].Key}: appears more than once.";
            }
        }

        return null;
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

            error = ObservationLineParser.ReadText(ref reader, ObservationLimits.MaxValueLength, allowEmpty: true, out var text);
            if (error is not null)
            {
                return $"attributes.{name}: {error}";
            }

            list.Add(ObservationAttribute.Of(name, text));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        attributes = list;
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Name == list[i - 1].Name)
            {
                return $"attributes.{list[i].Name}: appears more than once.";
            }
        }

        return null;
    }

    private static string? ReadKey(ref Utf8JsonReader reader, string map, int count, int max, out string key)
    {
        key = string.Empty;
        if (count >= max)
        {
            return $"{map}: at most {max} keys.";
        }

        var error = ObservationLineParser.ReadText(ref reader, ObservationLimits.MaxKeyLength, allowEmpty: false, out key);
        return error is null ? null : $"{map} key: {error}";
    }
}
