using System.Net;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Compliance;

/// <summary>
/// Raising an asset's classification flags what covers it: active apps that onboarding approved with a data
/// category of the asset's name, and approved exports that carry the asset; the flags show on them.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ReclassificationTests(GovernanceHostFixture fixture)
{
    private readonly ComplianceApi _api = new(fixture);

    [Fact]
    public async Task Raising_a_classification_flags_the_active_apps_that_declared_the_asset_and_the_exports_that_carry_it()
    {
        var name = "Delivery addresses " + Guid.NewGuid().ToString("N")[..8];
        var assetId = (await _api.PostAsync("api/data-assets", ComplianceApi.Asset("general", name: name))).GetProperty("assetId").GetString()!;
        var covering = await RegisterAppAsync(name.ToUpperInvariant());
        var suspended = await RegisterAppAsync(name);
        await fixture.Services.GetRequiredService<AppRegistry>().SuspendAsync(suspended, "test", null, AuditActor.System("test"));
        var unrelated = await RegisterAppAsync("Something else " + Guid.NewGuid().ToString("N")[..8]);
        var export = (await _api.PostAsync("api/exports", ComplianceApi.Export([assetId], "standard_contract"))).GetProperty("exportId").GetString()!;
        var other = (await _api.PostAsync("api/exports", ComplianceApi.Export([await _api.CreateAssetAsync("general")], "standard_contract"))).GetProperty("exportId").GetString()!;

        await _api.JsonAsync(HttpMethod.Put, $"api/data-assets/{assetId}", StaffRoles.Operator, ComplianceApi.Asset("important", name: name));

        var source = $"asset:{assetId}:important";
        await Eventually.HoldsAsync(async () => (await _api.GetAsync($"api/exports/{export}")).GetProperty("flags").GetArrayLength() == 1, TimeSpan.FromSeconds(30), "the export flagged");
        var app = await _api.GetAsync($"api/apps/{covering}");
        var flag = Assert.Single(app.GetProperty("reassessments").EnumerateArray());
        Assert.Equal(source, flag.GetProperty("source").GetString());
        Assert.Equal("compliance.data.reclassification", flag.GetProperty("rule").GetString());
        Assert.Empty((await _api.GetAsync($"api/apps/{suspended}")).GetProperty("reassessments").EnumerateArray());
        Assert.Empty((await _api.GetAsync($"api/apps/{unrelated}")).GetProperty("reassessments").EnumerateArray());
        var exportFlag = Assert.Single((await _api.GetAsync($"api/exports/{export}")).GetProperty("flags").EnumerateArray());
        Assert.Equal(source, exportFlag.GetProperty("source").GetString());
        Assert.Empty((await _api.GetAsync($"api/exports/{other}")).GetProperty("flags").EnumerateArray());

        // The same level again, or a lower one, flags nothing more; the next level up flags again.
        await _api.JsonAsync(HttpMethod.Put, $"api/data-assets/{assetId}", StaffRoles.Operator, ComplianceApi.Asset("important", 10, name: name));
        await _api.JsonAsync(HttpMethod.Put, $"api/data-assets/{assetId}", StaffRoles.Operator, ComplianceApi.Asset("general", name: name));
        Assert.Single((await _api.GetAsync($"api/apps/{covering}")).GetProperty("reassessments").EnumerateArray());
        await _api.JsonAsync(HttpMethod.Put, $"api/data-assets/{assetId}", StaffRoles.Operator, ComplianceApi.Asset("core", name: name));
        await Eventually.HoldsAsync(async () => (await _api.GetAsync($"api/exports/{export}")).GetProperty("flags").GetArrayLength() == 2, TimeSpan.FromSeconds(30), "the export flagged again");
        Assert.Equal(
            [source, $"asset:{assetId}:core"],
            (await _api.GetAsync($"api/apps/{covering}")).GetProperty("reassessments").EnumerateArray().Select(f => f.GetProperty("source").GetString()));
    }

    private async Task<string> RegisterAppAsync(string category)
    {
        var appId = "app-" + Guid.NewGuid().ToString("N")[..12];
        var data = new AppDataDeclaration("onb-" + appId, [new AppDataCategory(category, "general", PersonalInformation: true, Sensitive: false)], "general", CrossBorder: false);
        await fixture.Services.GetRequiredService<AppRegistry>().RegisterAsync(new AppRegistration(appId, "App " + appId, null), AuditActor.System("onboarding"), "onb-" + appId, data, rule: null);
        return appId;
    }
}
