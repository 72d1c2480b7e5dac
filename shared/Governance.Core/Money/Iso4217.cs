using System.Collections.Frozen;
using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Money;

/// <summary>
/// The ISO 4217 catalog: which three-letter codes are active currencies (or funds) and how many decimal places
/// their minor unit has. Money everywhere in the system is an integer number of minor units plus one of these
/// codes. The data, with its sources and date, is <c>Money/iso4217.json</c> (embedded); precious metals, units
/// of account, <c>XTS</c> (testing) and <c>XXX</c> (no currency), which ISO lists without a minor unit, are not
/// active here: nothing is paid or priced in them.
/// </summary>
public static class Iso4217
{
    private const string ResourceName = "Governance.Core.Money.iso4217.json";

    private static readonly Lazy<FrozenDictionary<string, int>> Catalog = new(Load);

    /// <summary>
    /// True for an active ISO 4217 currency or fund code with a minor unit, exactly as ISO writes it (three
    /// capital letters: <c>CNY</c>, not <c>cny</c>); false for anything else, null included.
    /// </summary>
    public static bool IsActive(string? code) => code is not null && Catalog.Value.ContainsKey(code);

    /// <summary>
    /// Decimal places of the code's minor unit: 2 for CNY (fen), 0 for JPY, 3 for KWD, 4 for CLF.
    /// Throws <see cref="ArgumentException"/> for a code that is not <see cref="IsActive"/>: check that first.
    /// </summary>
    public static int MinorUnits(string code)
        => code is not null && Catalog.Value.TryGetValue(code, out var units)
            ? units
            : throw new ArgumentException($"'{code}' is not an active ISO 4217 currency code.", nameof(code));

    private static FrozenDictionary<string, int> Load()
    {
        using var stream = typeof(Iso4217).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The ISO 4217 catalog ({ResourceName}) is not embedded in {typeof(Iso4217).Assembly.GetName().Name}.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, GovernanceJson.Options)
            ?? throw new InvalidOperationException("The ISO 4217 catalog is empty.");
        return file.Currencies.ToFrozenDictionary(c => c.Code, c => c.MinorUnits, StringComparer.Ordinal);
    }

    private sealed record CatalogFile(IReadOnlyList<CatalogEntry> Currencies);

    private sealed record CatalogEntry(string Code, int MinorUnits);
}
