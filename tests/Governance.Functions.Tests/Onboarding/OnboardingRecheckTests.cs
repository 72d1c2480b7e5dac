using System.Text.Json.Nodes;
using Governance.Core;
using Governance.Core.Apps;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Policies;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Functions.Tests.Onboarding.OnboardingDriver;

namespace Governance.Functions.Tests.Onboarding;

/// <summary>
/// The re-check timer on the app's storage: the app's own timer leaves a fresh approval alone; the same service
/// under a changed clause library (and two years later) re-checks the stored contract, flags the app, and does not
/// flag it twice.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OnboardingRecheckTests(GovernanceHostFixture fixture)
{
    private readonly OnboardingDriver _driver = new(fixture);

    [Fact]
    public async Task The_timer_leaves_an_approval_under_the_current_library_alone()
    {
        var developer = await _driver.DeveloperAsync();
        var appId = await ApprovedAppAsync(developer);

        await _driver.RunFunctionAsync("OnboardingRecheck");

        Assert.Empty((await fixture.Services.GetRequiredService<AppRegistry>().GetAsync(appId)).Reassessments);
    }

    [Fact]
    public async Task A_new_clause_library_that_no_longer_approves_the_stored_contract_flags_the_app_and_so_does_a_due_reassessment()
    {
        var developer = await _driver.DeveloperAsync();
        var appId = await ApprovedAppAsync(developer);

        // 800 days later (the app's own clock: tests move it forward), on the same storage, a library that asks five
        // years of records where the contract promises three.
        fixture.Clock.Advance(TimeSpan.FromDays(800));
        await using var services = Services(StricterProfile(), fixture.Clock);
        var recheck = services.GetRequiredService<OnboardingRecheck>();

        var first = await recheck.RunAsync();
        var app = await services.GetRequiredService<AppRegistry>().GetAsync(appId);
        Assert.True(first.ContractsRechecked >= 1);
        var library = Assert.Single(app.Reassessments, r => r.Source == "clause-library:2099.1");
        Assert.Contains("record_keeping", library.Reason, StringComparison.Ordinal);
        Assert.Equal(PolicyRuleIds.OnboardingThirdPartyObligations, library.Rule);
        var due = Assert.Single(app.Reassessments, r => r.Source.StartsWith("reassessment-due:", StringComparison.Ordinal));
        Assert.Contains("general data", due.Reason, StringComparison.Ordinal);
        Assert.Contains("730 days", due.Reason, StringComparison.Ordinal);

        await recheck.RunAsync();
        Assert.Equal(2, (await services.GetRequiredService<AppRegistry>().GetAsync(appId)).Reassessments.Count);
        var audit = await _driver.WaitForAuditAsync($"apps/{appId}", a => a.Count(x => x == "app.reassessment_flagged") >= 2);
        Assert.Equal(2, audit.Count(a => a == "app.reassessment_flagged"));
    }

    private async Task<string> ApprovedAppAsync(TestDeveloper developer)
    {
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(), Utf8(CompleteEnglish));
        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        Assert.Equal("approved", view.GetProperty("status").GetString());
        var appId = view.GetProperty("appId").GetString()!;
        await Eventually.HoldsAsync(async () => await IndexedAsync(appId), Patience, "the app in the re-check index");
        return appId;
    }

    private async Task<bool> IndexedAsync(string appId)
    {
        var row = await fixture.Tables.GetTableClient(Governance.Core.Storage.TableNames.OnboardingRequests)
            .GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(OnboardingIndex.Onboarded, appId);
        return row.HasValue;
    }

    /// <summary>The default profile with clause library 2099.1, whose record-keeping rule asks five years.</summary>
    private static PolicyProfile StricterProfile()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(GovernanceHostFixture.RepositoryRoot, "shared", "Governance.Core", "Policies", "Profiles", "cn-2021-draft.json")))!;
        var library = json["onboarding"]!["clauseLibrary"]!;
        library["version"] = "2099.1";
        var recordKeeping = library["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "record_keeping")!;
        recordKeeping["requirements"]![0]!["minYears"] = 5;
        return PolicyProfileLoader.Parse(json.ToJsonString(), "stricter test profile");
    }

    /// <summary>The app's services on the fixture's storage, with another profile and clock (nothing hosted is started).</summary>
    private ServiceProvider Services(PolicyProfile profile, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = fixture.StorageConnectionString,
            ["Storage:ProvisionOnStartup"] = "false",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(time)
            .AddSingleton<IPolicyProfileProvider>(new FixedProfile(profile));
        services.AddGovernance(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class FixedProfile(PolicyProfile profile) : IPolicyProfileProvider
    {
        public PolicyProfile Current => profile;
    }
}
