using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Compliance;

[Collection(GovernanceHostCollection.Name)]
public sealed class DataCatalogApiTests(GovernanceHostFixture fixture)
{
    private readonly ComplianceApi _api = new(fixture);

    [Fact]
    public async Task An_asset_is_registered_read_and_revised_and_the_running_totals_move_with_it()
    {
        var before = (await _api.GetAsync("api/data-assets?pageSize=1")).GetProperty("totals");

        var created = await _api.PostAsync("api/data-assets", ComplianceApi.Asset("general", 1200, ["health"], location: "SG"));
        var assetId = created.GetProperty("assetId").GetString()!;
        Assert.StartsWith("ast_", assetId, StringComparison.Ordinal);
        Assert.Equal("general", created.GetProperty("classification").GetString());
        Assert.Equal(1200, created.GetProperty("personalInformation").GetProperty("individuals").GetInt64());
        Assert.Equal("SG", created.GetProperty("location").GetString());
        var afterCreate = (await _api.GetAsync("api/data-assets?pageSize=1")).GetProperty("totals");
        Assert.Equal(Total(before, "assets") + 1, Total(afterCreate, "assets"));
        Assert.Equal(Total(before, "general") + 1, Total(afterCreate, "general"));
        Assert.Equal(Total(before, "personalInformationIndividuals") + 1200, Total(afterCreate, "personalInformationIndividuals"));
        Assert.Equal(Total(before, "sensitiveIndividuals") + 1200, Total(afterCreate, "sensitiveIndividuals"));

        var revised = await _api.JsonAsync(HttpMethod.Put, $"api/data-assets/{assetId}", StaffRoles.Operator,
            ComplianceApi.Asset("important", 300, name: created.GetProperty("name").GetString()));
        Assert.Equal("important", revised.GetProperty("classification").GetString());
        Assert.Equal(2, revised.GetProperty("version").GetInt64());
        var afterRevise = (await _api.GetAsync("api/data-assets?pageSize=1")).GetProperty("totals");
        Assert.Equal(Total(afterCreate, "assets"), Total(afterRevise, "assets"));
        Assert.Equal(Total(afterCreate, "general") - 1, Total(afterRevise, "general"));
        Assert.Equal(Total(afterCreate, "important") + 1, Total(afterRevise, "important"));
        Assert.Equal(Total(afterCreate, "personalInformationIndividuals") - 900, Total(afterRevise, "personalInformationIndividuals"));
        Assert.Equal(Total(afterCreate, "sensitiveIndividuals") - 1200, Total(afterRevise, "sensitiveIndividuals"));
        Assert.True(afterRevise.GetProperty("importantDataHeld").GetBoolean());

        var read = await _api.GetAsync($"api/data-assets/{assetId}");
        Assert.Equal(revised.ToString(), read.ToString());
        await _api.GetAsync($"api/data-assets/{assetId}", StaffRoles.Reviewer, HttpStatusCode.Forbidden);
        await _api.GetAsync("api/data-assets/ast_00000000000000000000000000000000", expected: HttpStatusCode.NotFound);
        await _api.GetAsync("api/data-assets/not-an-id", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_catalog_lists_every_asset_page_by_page()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _api.CreateAssetAsync("general"));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _api.GetAsync("api/data-assets?pageSize=2" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.True(page.GetProperty("assets").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("assetId").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Superset(ids.ToHashSet(), seen.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Asset_names_are_unique_whatever_their_case_and_a_retried_registration_is_the_same_asset()
    {
        var name = "Orders " + Guid.NewGuid().ToString("N")[..8];
        var first = await _api.PostAsync("api/data-assets", ComplianceApi.Asset("general", name: name));
        var problem = await _api.PostAsync("api/data-assets", ComplianceApi.Asset("general", name: "  " + name.ToUpperInvariant() + " "), HttpStatusCode.Conflict);
        Assert.Contains(first.GetProperty("assetId").GetString()!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var body = ComplianceApi.Asset("general");
        var key = Guid.NewGuid().ToString("N");
        var once = await SendWithKeyAsync(body, key);
        var again = await SendWithKeyAsync(body, key);
        Assert.Equal(once.GetProperty("assetId").GetString(), again.GetProperty("assetId").GetString());
    }

    [Theory]
    [InlineData("classification", "secret", "DE", "Name", null)]
    [InlineData("location", "general", "cn", "Name", null)]
    [InlineData("location", "general", "CHN", "Name", null)]
    [InlineData("location", "general", "ZZ", "Name", null)]
    [InlineData("name", "general", "DE", "Bad\u0007name", null)]
    [InlineData("name", "general", "DE", "", null)]
    [InlineData("personalInformation.individuals", "general", "DE", "Name", 0L)]
    public async Task Bad_asset_fields_are_400_problems_naming_the_field(string field, string classification, string location, string name, long? individuals)
    {
        var body = new
        {
            name = name == "Name" ? "asset-" + Guid.NewGuid().ToString("N")[..8] : name,
            owner = "Owner",
            classification,
            personalInformation = individuals is { } n ? new { individuals = n } : null,
            sensitiveCategories = Array.Empty<string>(),
            location,
        };

        await _api.RefusedAsync(HttpMethod.Post, "api/data-assets", body, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Sensitive_categories_need_personal_information_and_control_characters_are_refused_in_them()
    {
        var body = new { name = "asset-" + Guid.NewGuid().ToString("N")[..8], owner = "Owner", classification = "general", sensitiveCategories = new[] { "biometric" }, location = "DE" };
        await _api.RefusedAsync(HttpMethod.Post, "api/data-assets", body, HttpStatusCode.BadRequest, "sensitiveCategories");

        var control = new { name = "asset-" + Guid.NewGuid().ToString("N")[..8], owner = "Owner", classification = "general", personalInformation = new { individuals = 5 }, sensitiveCategories = new[] { "bio\u0000metric" }, location = "DE" };
        await _api.RefusedAsync(HttpMethod.Post, "api/data-assets", control, HttpStatusCode.BadRequest, "sensitiveCategories[0]");
    }

    private async Task<JsonElement> SendWithKeyAsync(object body, string key)
    {
        var request = _api.Request(HttpMethod.Post, "api/data-assets", StaffRoles.Operator, body);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static long Total(JsonElement totals, string name) => totals.GetProperty(name).GetInt64();
}
