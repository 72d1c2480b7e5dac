using System.Collections.Frozen;
using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Countries;

/// <summary>
/// The ISO 3166-1 catalog: which two-letter codes are officially assigned country codes, with their alpha-3 code
/// and English short name. Where data is kept and where it is sent (data assets' <c>location</c>, export recipients'
/// <c>country</c>) is one of these codes. The data, with its source and date, is <c>Countries/iso3166-1.json</c>
/// (embedded); user-assigned (<c>AA</c>, <c>ZZ</c>, <c>XA</c>–<c>XZ</c>…), reserved (<c>EU</c>, <c>UK</c>) and
/// withdrawn codes are not country codes here.
/// </summary>
public static class Iso3166
{
    private const string ResourceName = "Governance.Core.Countries.iso3166-1.json";

    private static readonly Lazy<FrozenDictionary<string, Country>> Catalog = new(Load);

    /// <summary>
    /// True for an officially assigned ISO 3166-1 alpha-2 code exactly as ISO writes it (two capital letters:
    /// <c>CN</c>, not <c>cn</c>); false for anything else, null included.
    /// </summary>
    public static bool IsAlpha2(string? code) => code is not null && Catalog.Value.ContainsKey(code);

    /// <summary>The country of an alpha-2 code, or null when <see cref="IsAlpha2"/> is false.</summary>
    public static Country? Find(string? code) => code is not null && Catalog.Value.TryGetValue(code, out var country) ? country : null;

    /// <summary>Every officially assigned code, in alphabetical order of the alpha-2 code.</summary>
    public static IReadOnlyList<Country> All => Catalog.Value.Values.OrderBy(c => c.Alpha2, StringComparer.Ordinal).ToList();

    private static FrozenDictionary<string, Country> Load()
    {
        using var stream = typeof(Iso3166).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The ISO 3166-1 catalog ({ResourceName}) is not embedded in {typeof(Iso3166).Assembly.GetName().Name}.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, GovernanceJson.Options)
            ?? throw new InvalidOperationException("The ISO 3166-1 catalog is empty.");
        return file.Countries.ToFrozenDictionary(c => c.Alpha2, StringComparer.Ordinal);
    }

    private sealed record CatalogFile(IReadOnlyList<Country> Countries);
}

/// <summary>One officially assigned ISO 3166-1 code.</summary>
public sealed record Country(string Alpha2, string Alpha3, string Name);
