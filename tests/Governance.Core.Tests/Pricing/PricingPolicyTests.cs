using System.Text.Json.Nodes;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Pricing;

public sealed class PricingPolicyTests
{
    private static string Mutate(string id, Action<JsonObject> change)
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream($"Governance.Core.Policies.Profiles.{id}.json")!;
        var json = JsonNode.Parse(new StreamReader(stream).ReadToEnd())!.AsObject();
        change(json["pricing"]!.AsObject());
        return json.ToJsonString();
    }

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Both_profiles_carry_the_pricing_section_and_its_rules(string id)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);

        var p = profile.Pricing;
        Assert.Equal((0.05, 200, 20, 1440), (p.FalseDiscoveryRate, p.MinRelativeDifferenceBasisPoints, p.MinObservationsPerCohort, p.TimeBucketMinutes));
        Assert.Equal([30.0, 365.0], p.NumericAttributeBins["accountAgeDays"]);
        Assert.Equal(PricingRuleIds.Required, p.LegalBasis);
        Assert.Equal("Personal Information Protection Law of the PRC, Art. 24(1)", profile.Rule(PricingRuleIds.AutomatedDecisionFairness).Citation);
        Assert.EndsWith("Art. 21", profile.Rule(PricingRuleIds.AlgorithmicDifferentialTreatment).Citation, StringComparison.Ordinal);
        Assert.Contains("Internet Platform Pricing Rules (2026)", profile.Rule(PricingRuleIds.SameGoodsSameConditions).Citation, StringComparison.Ordinal);
        Assert.Contains("article number not verified", profile.Rule(PricingRuleIds.SameGoodsSameConditions).Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("falseDiscoveryRate", "0", "pricing.falseDiscoveryRate must be between 0 and 1")]
    [InlineData("minRelativeDifferenceBasisPoints", "0", "pricing.minRelativeDifferenceBasisPoints must be between 1 and 10000")]
    [InlineData("minObservationsPerCohort", "1", "pricing.minObservationsPerCohort must be at least 2")]
    [InlineData("timeBucketMinutes", "700", "pricing.timeBucketMinutes must divide a day")]
    [InlineData("numericAttributeBins", "{\"accountAgeDays\": [365, 30]}", "pricing.numericAttributeBins.accountAgeDays must list finite, strictly increasing edges")]
    [InlineData("legalBasis", "[\"pricing.automated-decision-fairness\"]", "missing: pricing.algorithmic-differential-treatment")]
    [InlineData("legalBasis", "[\"pricing.automated-decision-fairness\", \"pricing.algorithmic-differential-treatment\", \"pricing.same-goods-same-conditions\", \"nope\"]", "unknown: nope")]
    public void An_invalid_pricing_section_stops_the_profile(string field, string value, string message)
    {
        var json = Mutate("cn-2025", p => p[field] = JsonNode.Parse(value));

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "test.json"));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_a_pricing_section_is_malformed()
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream("Governance.Core.Policies.Profiles.cn-2025.json")!;
        var json = JsonNode.Parse(new StreamReader(stream).ReadToEnd())!.AsObject();
        json.Remove("pricing");

        Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json.ToJsonString(), "test.json"));
    }

    [Fact]
    public async Task A_half_day_bucket_puts_morning_and_evening_purchases_in_different_cells()
    {
        var profile = PolicyProfileLoader.Parse(Mutate("cn-2025", p => p["timeBucketMinutes"] = 720), "half-day.json");
        var rows = new CellBuilder().Add(30, 1000, hour: 9).Add(30, 1080, hour: 20, device: "ios").Rows;

        var daily = await PricingScanHarness.ScanAsync(rows, PricingScanHarness.Days(CellBuilder.Day, 1));
        var halfDaily = await PricingScanHarness.ScanAsync(rows, PricingScanHarness.Days(CellBuilder.Day, 1), profile);

        Assert.Equal((1, 1), (daily.Summary.Cells, daily.Findings.Count));
        Assert.Equal((2, 0), (halfDaily.Summary.Cells, halfDaily.Findings.Count));
    }
}
