using System.Text.Json.Nodes;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Clauses;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Onboarding;

public sealed class ClauseLibraryProfileTests
{
    private static string Mutate(string id, Action<JsonObject> change)
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream($"Governance.Core.Policies.Profiles.{id}.json")!;
        var json = JsonNode.Parse(new StreamReader(stream).ReadToEnd())!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    private static JsonArray Rules(JsonObject profile) => profile["onboarding"]!["clauseLibrary"]!["rules"]!.AsArray();

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Both_profiles_carry_the_ten_contract_clauses_and_the_extra_ones(string id)
    {
        var library = PolicyProfileLoader.LoadEmbedded(id).Onboarding.ClauseLibrary;

        Assert.Equal(OnboardingPolicyValidator.RequiredClauseIds, library.Rules.Where(r => r.AppliesWhen == ClauseApplicability.Always).Select(r => r.Id));
        Assert.Equal(["data_security_officer", "risk_assessment"], library.Rules.Where(r => r.AppliesWhen == ClauseApplicability.Elevated).Select(r => r.Id));
        Assert.All(library.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Title.Zh)));
        Assert.False(string.IsNullOrWhiteSpace(library.Version));
    }

    [Fact]
    public void In_the_draft_profile_every_contract_clause_is_blocking_or_major()
        => Assert.All(PolicyProfileLoader.LoadEmbedded("cn-2021-draft").Onboarding.ClauseLibrary.Rules,
            r => Assert.Contains(r.Severity, new[] { ClauseSeverity.Blocking, ClauseSeverity.Major }));

    [Fact]
    public void The_profile_thresholds_drive_the_checks()
    {
        var library = PolicyProfileLoader.LoadEmbedded("cn-2021-draft").Onboarding.ClauseLibrary;

        Assert.Equal(72, library.Rule("incident_notification").Requirements.Single(r => r.Kind == RequirementKind.TimeLimit).MaxHours);
        Assert.Equal(3, library.Rule("record_keeping").Requirements.Single(r => r.Kind == RequirementKind.MinimumPeriod).MinYears);
    }

    [Fact]
    public void A_stricter_minimum_in_the_profile_changes_the_finding()
    {
        var json = Mutate("cn-2021-draft", p =>
        {
            var record = Rules(p).First(r => r!["id"]!.GetValue<string>() == "record_keeping")!;
            record["requirements"]![0]!["minYears"] = 5;
        });
        var profile = PolicyProfileLoader.Parse(json, "strict.json");

        Assert.Equal(FindingStatus.Insufficient, OnboardingKit.StatusOf("record_keeping", "The Developer shall keep processing records for at least three years.", profile));
    }

    [Fact]
    public void A_library_without_one_of_the_ten_clauses_stops_start_up()
    {
        var json = Mutate("cn-2025", p => Rules(p).Remove(Rules(p).First(r => r!["id"]!.GetValue<string>() == "audit")));

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "cn-2025.json"));

        Assert.Contains("missing rules: audit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requirement_without_its_parameter_stops_start_up()
    {
        var json = Mutate("cn-2021-draft", p =>
        {
            var incident = Rules(p).First(r => r!["id"]!.GetValue<string>() == "incident_notification")!;
            incident["requirements"]!.AsArray().First(r => r!["kind"]!.GetValue<string>() == "time_limit")!.AsObject().Remove("maxHours");
        });

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "bad.json"));

        Assert.Contains("needs a positive maxHours", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_requirement_kind_or_a_missing_chinese_title_stops_start_up()
    {
        var kind = Mutate("cn-2021-draft", p => Rules(p)[0]!["requirements"]![0]!["kind"] = "vibes");
        var title = Mutate("cn-2021-draft", p => Rules(p)[0]!["title"]!["zh"] = "");

        Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(kind, "kind.json"));
        Assert.Contains("needs English and Chinese text", Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(title, "title.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_clauses_must_exist_in_the_library()
    {
        var json = Mutate("cn-2021-draft", p => p["onboarding"]!["declarations"]!["elevatedData"]!["clauses"]!.AsArray().Add("dpo"));

        Assert.Contains("names 'dpo'", Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "x.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_the_onboarding_section_stops_start_up()
    {
        var json = Mutate("cn-2021-draft", p => p.Remove("onboarding"));

        Assert.Contains("onboarding", Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "x.json")).Message, StringComparison.Ordinal);
    }
}
