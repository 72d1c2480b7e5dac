using System.Text.Json;
using Governance.Core.Money;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Money;

public sealed class Iso4217Tests
{
    private const string DebianCatalog = "/usr/share/iso-codes/json/iso_4217.json";

    private static readonly string[] NotCurrencies = ["XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"];

    [Theory]
    [InlineData("CNY", 2)]
    [InlineData("HKD", 2)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("XOF", 0)]
    [InlineData("BHD", 3)]
    [InlineData("IQD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    public void Active_currencies_have_their_iso_minor_units(string code, int minorUnits)
    {
        Assert.True(Iso4217.IsActive(code));
        Assert.Equal(minorUnits, Iso4217.MinorUnits(code));
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("ABC")]
    [InlineData("cny")]
    [InlineData("Cny")]
    [InlineData("CN")]
    [InlineData("CNYY")]
    [InlineData(" CNY")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("XAU")]
    [InlineData("XAG")]
    [InlineData("XTS")]
    [InlineData("XXX")]
    [InlineData("XDR")]
    public void Unknown_codes_metals_units_of_account_and_test_codes_are_not_active_currencies(string? code)
    {
        Assert.False(Iso4217.IsActive(code));
        Assert.Throws<ArgumentException>(() => Iso4217.MinorUnits(code!));
    }

    /// <summary>
    /// Compares with Debian's iso-codes list (package <c>iso-codes</c>, which <c>.ci/run</c> installs): skipped where it
    /// is missing, unless <c>GOVERNANCE_REQUIRE_ISO_CODES=1</c> (set by <c>.ci/run</c>), where it fails.
    /// </summary>
    [SkippableFact]
    public void The_catalog_holds_every_active_code_of_the_debian_iso_codes_list_except_those_without_a_minor_unit()
    {
        if (!File.Exists(DebianCatalog))
        {
            Assert.False(Environment.GetEnvironmentVariable("GOVERNANCE_REQUIRE_ISO_CODES") == "1", $"GOVERNANCE_REQUIRE_ISO_CODES=1 but {DebianCatalog} is missing: run .ci/install-iso-codes.sh.");
            Skip.If(true, $"{DebianCatalog} is missing (Debian package iso-codes; run .ci/install-iso-codes.sh); set GOVERNANCE_REQUIRE_ISO_CODES=1 to make this a failure.");
        }

        using var debian = JsonDocument.Parse(File.ReadAllText(DebianCatalog));
        var listed = debian.RootElement.GetProperty("4217").EnumerateArray().Select(c => c.GetProperty("alpha_3").GetString()!).ToHashSet(StringComparer.Ordinal);

        var catalog = CatalogFile();

        Assert.Equal(listed.Except(NotCurrencies).Order(StringComparer.Ordinal), catalog.Currencies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(NotCurrencies, catalog.NotCurrencies.Order(StringComparer.Ordinal));
        Assert.All(listed, code => Assert.Equal(!NotCurrencies.Contains(code), Iso4217.IsActive(code)));
    }

    [Fact]
    public void Every_other_code_has_two_decimal_places_and_the_file_names_its_sources()
    {
        var exceptions = new Dictionary<string, int>
        {
            ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0, ["PYG"] = 0,
            ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
            ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
            ["CLF"] = 4, ["UYW"] = 4,
        };

        var catalog = CatalogFile();

        Assert.All(catalog.Currencies, c => Assert.Equal(exceptions.GetValueOrDefault(c.Key, 2), Iso4217.MinorUnits(c.Key)));
        Assert.All(catalog.Currencies, c => Assert.Equal(c.Value, Iso4217.MinorUnits(c.Key)));
        Assert.Contains("iso-codes 4.15.0", catalog.Sources, StringComparison.Ordinal);
        Assert.Contains("List One", catalog.Sources, StringComparison.Ordinal);
    }

    private static (Dictionary<string, int> Currencies, List<string> NotCurrencies, string Sources) CatalogFile()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "shared", "Governance.Core", "Money", "iso4217.json")));
        var root = file.RootElement;
        return (
            root.GetProperty("currencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("minorUnits").GetInt32(), StringComparer.Ordinal),
            root.GetProperty("notCurrencies").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList(),
            root.GetProperty("sources").ToString());
    }
}
