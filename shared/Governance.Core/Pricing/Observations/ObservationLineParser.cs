using System.Text.Json;
using Governance.Core.Validation;

namespace Governance.Core.Pricing.Observations;

/// <summary>
/// Parses one NDJSON line into a <see cref="PriceObservation"/>, or says what is wrong with it. Pure: exactly the
/// fields of the ingestion contract, each once; ids and texts bounded and free of control characters; prices and
/// quantity integers; the currency checked by the caller's ISO 4217 catalog.
/// </summary>
public static class ObservationLineParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 3, CommentHandling = JsonCommentHandling.Disallow };

    public static bool TryParse(ReadOnlySpan<byte> line, Func<string, bool> isActiveCurrency, out PriceObservation? observation, out string? error)
    {
        observation = null;
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReaderOptions));
            var fields = new LineFields();
            error = ReadObject(ref reader, fields) ?? fields.Complete(isActiveCurrency);
            if (error is null && reader.Read())
            {
                error = "unexpected content after the JSON object.";
            }

            if (error is null)
            {
                observation = fields.Build();
            }
        }
        catch (JsonException ex)
        {
            error = $"not a valid JSON object: {ex.Message}";
        }

        return observation is not null;
    }

    private static string? ReadObject(ref Utf8JsonReader reader, LineFields fields)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "each line must be one JSON object.";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = LineFields.FieldOf(ref reader);
            if (field < 0)
            {
                return $"{Shorten(reader.GetString()!)}: unknown field; a line has observationId, observedAt, productId, userId, paidPrice, listPrice, currency, quantity, conditions and attributes.";
            }

            if (!fields.MarkSeen(field))
            {
                return $"{LineFields.Names[field]}: appears more than once.";
            }

            reader.Read();
            var error = fields.Read(field, ref reader);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Reads a bounded single-line string; the error (without the field name) or null.</summary>
    internal static string? ReadText(ref Utf8JsonReader reader, int maxLength, bool allowEmpty, out string value)
    {
        value = string.Empty;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return "must be a string.";
        }

        value = reader.GetString()!;
        if (value.Length == 0 && !allowEmpty)
        {
            return "must not be empty.";
        }

        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters.";
        }

        return value.AsSpan().ContainsAny(Forbidden) ? TextRules.SingleLineControlCharacterMessage : null;
    }

    /// <summary>What <see cref="TextRules.IsForbidden"/> forbids in single-line text: control characters and U+FFFE/U+FFFF.</summary>
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => TextRules.IsForbidden(c, allowLineBreaks: false))]);

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    internal static string? ReadInteger(ref Utf8JsonReader reader, string field, long min, long max, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out value) || ContainsFractionOrExponent(reader.ValueSpan))
        {
            return $"{field}: must be an integer.";
        }

        return value < min || value > max ? $"{field}: must be between {min} and {max}." : null;
    }

    private static bool ContainsFractionOrExponent(ReadOnlySpan<byte> number) => number.IndexOfAny("."u8 + "eE"u8) >= 0;
}
