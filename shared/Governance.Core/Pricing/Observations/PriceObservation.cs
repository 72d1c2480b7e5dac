namespace Governance.Core.Pricing.Observations;

/// <summary>
/// One paid price seen by the platform: a user bought <see cref="Quantity"/> of a product at a time under
/// trading conditions, and these are the user's attributes that must not move the price. Money is integer minor
/// units of <see cref="Currency"/>; <see cref="ObservedAt"/> is UTC.
/// </summary>
public sealed record PriceObservation
{
    public required string ObservationId { get; init; }

    public required DateTimeOffset ObservedAt { get; init; }

    public required string ProductId { get; init; }

    /// <summary>Pseudonymous user id.</summary>
    public required string UserId { get; init; }

    /// <summary>What the user paid, after coupons and fees, in minor units.</summary>
    public required long PaidPrice { get; init; }

    public long? ListPrice { get; init; }

    public required string Currency { get; init; }

    public required int Quantity { get; init; }

    /// <summary>Trading conditions (region, channel, membership tier, promotion, experiment arm…), sorted by key (ordinal).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Conditions
    {
        get => _conditions;
        init
        {
            _conditions = value;
            _conditionsKey = null;
        }
    }

    /// <summary>User attributes (device, account age…), sorted by name (ordinal).</summary>
    public required IReadOnlyList<ObservationAttribute> Attributes { get; init; }

    /// <summary>The conditions as one canonical string (see <see cref="ConditionsKey"/>), computed once (a <c>with</c> that sets new conditions recomputes it).</summary>
    public string ConditionsKey => _conditionsKey ??= Observations.ConditionsKey.Format(Conditions);

    private IReadOnlyList<KeyValuePair<string, string>> _conditions = [];
    private string? _conditionsKey;
}

/// <summary>A user attribute: text (categorical) when <see cref="Text"/> is set, else the number.</summary>
public readonly record struct ObservationAttribute(string Name, string? Text, double Number)
{
    public bool IsNumber => Text is null;

    public static ObservationAttribute Of(string name, string text) => new(name, text, 0);

    public static ObservationAttribute Of(string name, double number) => new(name, null, number);
}
