using System.Text.Json;

namespace Governance.Core.Pricing.Observations;

/// <summary>The fields of one line as they are read, then checked for completeness and built.</summary>
internal sealed class LineFields
{
    private string? _observationId;
    private DateTimeOffset? _observedAt;
    private string? _productId;
    private string? _userId;
    private long? _paidPrice;
    private long? _listPrice;
    private string? _currency;
    private long? _quantity;
    private List<KeyValuePair<string, string>>? _conditions;
    private List<ObservationAttribute>? _attributes;

    /// <summary>The fields of a line, in the order of <see cref="FieldOf"/>.</summary>
    public static readonly string[] Names = ["observationId", "observedAt", "productId", "userId", "paidPrice", "listPrice", "currency", "quantity", "conditions", "attributes"];

    private int _seen;

    /// <summary>The index in <see cref="Names"/> of the property name the reader is on, without allocating; −1 when unknown.</summary>
    public static int FieldOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (reader.ValueTextEquals(NamesUtf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Records that the line has the field; false when it had it already.</summary>
    public bool MarkSeen(int field)
    {
        var bit = 1 << field;
        var first = (_seen & bit) == 0;
        _seen |= bit;
        return first;
    }

    public string? Read(int field, ref Utf8JsonReader reader)
    {
        var name = Names[field];
        switch (field)
        {
            case 0:
                return Text(ref reader, name, ref _observationId);
            case 1:
                return ReadTime(ref reader);
            case 2:
                return Text(ref reader, name, ref _productId);
            case 3:
                return Text(ref reader, name, ref _userId);
            case 4:
                return Integer(ref reader, name, 0, ObservationLimits.MaxPrice, out _paidPrice);
            case 5:
                return reader.TokenType == JsonTokenType.Null ? null : Integer(ref reader, name, 0, ObservationLimits.MaxPrice, out _listPrice);
            case 6:
                if (reader.TokenType != JsonTokenType.String)
                {
                    return "currency: must be a string.";
                }

                _currency = reader.ValueSpan.Length <= 16 ? reader.GetString() : "?";
                return null;
            case 7:
                return Integer(ref reader, name, 1, ObservationLimits.MaxQuantity, out _quantity);
            case 8:
                return ObservationMaps.ReadConditions(ref reader, out _conditions);
            default:
                return ObservationMaps.ReadAttributes(ref reader, out _attributes);
        }
    }

    private static readonly byte[][] NamesUtf8 = [.. Names.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>The first missing required field, or a currency the catalog does not know; null when complete.</summary>
    public string? Complete(Func<string, bool> isActiveCurrency)
    {
        string? missing = _observationId is null ? "observationId"
            : _observedAt is null ? "observedAt"
            : _productId is null ? "productId"
            : _userId is null ? "userId"
            : _paidPrice is null ? "paidPrice"
            : _currency is null ? "currency"
            : _quantity is null ? "quantity"
            : _conditions is null ? "conditions"
            : _attributes is null ? "attributes"
            : null;
        if (missing is not null)
        {
            return $"{missing}: is required.";
        }

        return IsCurrencyShape(_currency!) && isActiveCurrency(_currency!)
            ? null
            : $"currency: '{Shorten(_currency!)}' is not an active ISO 4217 currency code.";
    }

    public PriceObservation Build() => new()
    {
        ObservationId = _observationId!,
        ObservedAt = _observedAt!.Value,
        ProductId = _productId!,
        UserId = _userId!,
        PaidPrice = _paidPrice!.Value,
        ListPrice = _listPrice,
        Currency = _currency!,
        Quantity = (int)_quantity!.Value,
        Conditions = _conditions!,
        Attributes = _attributes!,
    };

    private static string? Text(ref Utf8JsonReader reader, string name, ref string? target)
    {
        var error = ObservationLineParser.ReadText(ref reader, ObservationLimits.MaxIdLength, allowEmpty: false, out var value);
        target = value;
        return error is null ? null : $"{name}: {error}";
    }

    private static string? Integer(ref Utf8JsonReader reader, string name, long min, long max, out long? target)
    {
        var error = ObservationLineParser.ReadInteger(ref reader, name, min, max, out var value);
        target = value;
        return error;
    }

    private string? ReadTime(ref Utf8JsonReader reader)
    {
        const string Message = "observedAt: must be an ISO 8601 date and time with a UTC offset, e.g. 2026-05-01T08:30:00Z.";
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 40)
        {
            return Message;
        }

        var text = reader.GetString()!;
        if (!HasExplicitOffset(text) || !reader.TryGetDateTimeOffset(out var time))
        {
            return Message;
        }

        _observedAt = time.ToUniversalTime();
        return null;
    }

    private static bool HasExplicitOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return t > 0 && text.AsSpan(t).IndexOfAny("Zz+-") > 0;
    }

    private static bool IsCurrencyShape(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    private static string Shorten(string value) => value.Length <= 16 ? value : value[..16] + "…";
}
