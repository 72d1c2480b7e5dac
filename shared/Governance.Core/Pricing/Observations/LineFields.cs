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

    public string? Read(string name, ref Utf8JsonReader reader)
    {
        switch (name)
        {
            case "observationId":
                return Text(ref reader, name, ref _observationId);
            case "productId":
                return Text(ref reader, name, ref _productId);
            case "userId":
                return Text(ref reader, name, ref _userId);
            case "observedAt":
                return ReadTime(ref reader);
            case "paidPrice":
                return Integer(ref reader, name, 0, ObservationLimits.MaxPrice, out _paidPrice);
            case "listPrice":
                return reader.TokenType == JsonTokenType.Null ? null : Integer(ref reader, name, 0, ObservationLimits.MaxPrice, out _listPrice);
            case "currency":
                if (reader.TokenType != JsonTokenType.String)
                {
                    return "currency: must be a string.";
                }

                _currency = reader.GetString();
                return null;
            case "quantity":
                return Integer(ref reader, name, 1, ObservationLimits.MaxQuantity, out _quantity);
            case "conditions":
                return ObservationMaps.ReadConditions(ref reader, out _conditions);
            case "attributes":
                return ObservationMaps.ReadAttributes(ref reader, out _attributes);
            default:
                return $"{name}: unknown field; a line has observationId, observedAt, productId, userId, paidPrice, listPrice, currency, quantity, conditions and attributes.";
        }
    }

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
        var error = ObservationLineParser.ReadText(ref reader, name, ObservationLimits.MaxIdLength, allowEmpty: false, out var value);
        target = value;
        return error;
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
