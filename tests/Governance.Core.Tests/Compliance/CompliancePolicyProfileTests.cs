using System.Text.Json.Nodes;
using Governance.Core.Compliance;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Compliance;

public sealed class CompliancePolicyProfileTests
{
    private static string Mutate(string id, Action<JsonObject> change)
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream($"Governance.Core.Policies.Profiles.{id}.json")!;
        var json = JsonNode.Parse(new StreamReader(stream).ReadToEnd())!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    private static string Fails(string json) => Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "test.json")).Message;

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Both_profiles_carry_every_compliance_rule_with_a_citation_and_each_kind_of_filing_has_a_duty(string id)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);

        Assert.All(ComplianceRuleIds.Required, rule => Assert.False(string.IsNullOrWhiteSpace(profile.Rule(rule).Citation)));
        Assert.All(FilingKinds.All, kind => Assert.Contains(profile.Compliance.Filings.Duties, d => d.Kinds.Contains(kind)));
        Assert.Equal(60, profile.Compliance.Exports.ExpiryWarningDays);
        Assert.Equal(3, profile.Compliance.Exports.RecordRetentionYears);
        Assert.Equal(1_000_000, profile.Compliance.Exports.PersonalInformation.IndividualsAtLeast);
        Assert.Equal(
            [("critical_infrastructure", 1), ("state_body", 2), ("other", 4)],
            profile.Compliance.Incidents.Deadlines.Where(d => d.Duty == "report").Select(d => (d.OperatorTypes!.Single(), d.Hours)));
    }

    [Fact]
    public void Rules_citing_unverified_article_numbers_say_so_in_their_titles()
    {
        foreach (var id in PolicyProfileLoader.EmbeddedIds())
        {
            var profile = PolicyProfileLoader.LoadEmbedded(id);
            Assert.All(
                profile.Rules.Where(r => r.Id.StartsWith("compliance.", StringComparison.Ordinal)
                    && (r.Citation.Contains("Incident Reporting Management Measures", StringComparison.Ordinal) || r.Citation.Contains("Cross-Border Data Flows (2024), Art.", StringComparison.Ordinal))),
                r => Assert.Contains("not verified", r.Title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_missing_compliance_rule_fails_naming_it()
    {
        var json = Mutate("cn-2025", p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.Remove(rules.First(r => r!["id"]!.GetValue<string>() == ComplianceRuleIds.ExportRecordRetention));
        });

        Assert.Contains($"missing compliance rules: {ComplianceRuleIds.ExportRecordRetention}", Fails(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_naming_an_unknown_rule_severity_or_operator_type_fails()
    {
        var json = Mutate("cn-2021-draft", p =>
        {
            var deadline = p["compliance"]!["incidents"]!["deadlines"]![0]!;
            deadline["ruleId"] = "compliance.nowhere";
            deadline["severities"] = new JsonArray("apocalyptic");
            deadline["operatorTypes"] = new JsonArray("pirate");
        });

        var message = Fails(json);
        Assert.Contains("deadlines[0].ruleId 'compliance.nowhere' is not a rule of this profile", message, StringComparison.Ordinal);
        Assert.Contains("deadlines[0].severities has unknown values: apocalyptic", message, StringComparison.Ordinal);
        Assert.Contains("deadlines[0].operatorTypes has unknown values: pirate", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_sharing_a_duty_must_split_the_operator_types()
    {
        var json = Mutate("cn-2025", p => p["compliance"]!["incidents"]!["deadlines"]![1]!["operatorTypes"] = new JsonArray("critical_infrastructure"));

        Assert.Contains("the rules of duty 'report' must name operatorTypes that do not overlap", Fails(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_of_event_without_any_duty_fails()
    {
        var json = Mutate("cn-2025", p =>
        {
            var duties = p["compliance"]!["filings"]!["duties"]!.AsArray();
            foreach (var duty in duties.Where(d => d!["kinds"]!.AsArray().Any(k => k!.GetValue<string>() == "overseas_centre")).ToList())
            {
                duties.Remove(duty);
            }
        });

        Assert.Contains("compliance.filings.duties name no duty for: overseas_centre", Fails(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expiryWarningDays", 0, "expiryWarningDays must be at least 1")]
    [InlineData("recordRetentionYears", 0, "recordRetentionYears must be between 1 and 100")]
    [InlineData("assessmentValidityDays", 0, "assessmentValidityDays must be between 1 and 3660")]
    public void Export_periods_out_of_range_fail(string field, int value, string message)
    {
        Assert.Contains(message, Fails(Mutate("cn-2021-draft", p => p["compliance"]!["exports"]![field] = value)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_the_compliance_section_fails()
    {
        Assert.Contains("compliance", Fails(Mutate("cn-2025", p => p.Remove("compliance"))), StringComparison.Ordinal);
    }
}
