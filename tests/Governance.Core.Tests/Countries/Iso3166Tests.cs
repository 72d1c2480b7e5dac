using System.Text.Json;
using Governance.Core.Countries;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Countries;

public sealed class Iso3166Tests
{
    private const string DebianCatalog = "/usr/share/iso-codes/json/iso_3166-1.json";

    [Theory]
    [InlineData("CN", "CHN")]
    [InlineData("HK", "HKG")]
    [InlineData("MO", "MAC")]
    [InlineData("TW", "TWN")]
    [InlineData("US", "USA")]
    [InlineData("DE", "DEU")]
    [InlineData("SG", "SGP")]
    [InlineData("GB", "GBR")]
    public void Assigned_codes_are_countries_with_their_alpha_3_code(string alpha2, string alpha3)
    {
        Assert.True(Iso3166.IsAlpha2(alpha2));
        Assert.Equal(alpha3, Iso3166.Find(alpha2)!.Alpha3);
    }

    [Theory]
    [InlineData("cn")]
    [InlineData("Cn")]
    [InlineData("CHN")]
    [InlineData("C")]
    [InlineData(" CN")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ZZ")]
    [InlineData("AA")]
    [InlineData("XK")]
    [InlineData("QM")]
    [InlineData("EU")]
    [InlineData("UK")]
    [InlineData("SU")]
    public void Lower_case_alpha_3_user_assigned_reserved_and_withdrawn_codes_are_not_country_codes(string? code)
    {
        Assert.False(Iso3166.IsAlpha2(code));
        Assert.Null(Iso3166.Find(code));
    }

    [SkippableFact]
    public void The_catalog_holds_exactly_the_codes_of_the_debian_iso_codes_list()
    {
        Skip.IfNot(File.Exists(DebianCatalog), $"{DebianCatalog} is not installed (Debian package iso-codes, the catalog's source); the embedded catalog is checked against it where it is.");
        using var debian = JsonDocument.Parse(File.ReadAllText(DebianCatalog));
        var listed = debian.RootElement.GetProperty("3166-1").EnumerateArray()
            .ToDictionary(c => c.GetProperty("alpha_2").GetString()!, c => c.GetProperty("alpha_3").GetString()!, StringComparer.Ordinal);

        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), Iso3166.All.Select(c => c.Alpha2));
        Assert.All(Iso3166.All, c => Assert.Equal(listed[c.Alpha2], c.Alpha3));
    }

    [Fact]
    public void The_file_names_its_source_and_lists_each_code_once_in_order()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "shared", "Governance.Core", "Countries", "iso3166-1.json")));
        var codes = file.RootElement.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("alpha2").GetString()!).ToList();

        Assert.Contains("iso-codes 4.15.0", file.RootElement.GetProperty("sources").ToString(), StringComparison.Ordinal);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z]{2}$", c));
        Assert.Equal(249, codes.Count);
    }
}
