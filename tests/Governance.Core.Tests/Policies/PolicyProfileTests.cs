using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Core.Json;
using Governance.Core.Policies;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Policies;

public sealed class PolicyProfileTests
{
    private static IOptions<PolicyProfileOptions> Config(string? profile) => Options.Create(new PolicyProfileOptions { PolicyProfile = profile });

    private static string EmbeddedJson(string id)
    {
        using var stream = typeof(PolicyProfileLoader).Assembly.GetManifestResourceStream($"Governance.Core.Policies.Profiles.{id}.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static string Mutate(string id, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(EmbeddedJson(id))!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    [Fact]
    public void Both_shipped_profiles_load_and_validate()
    {
        Assert.Equal(new[] { "cn-2021-draft", "cn-2025" }, PolicyProfileLoader.EmbeddedIds());
        foreach (var id in PolicyProfileLoader.EmbeddedIds())
        {
            var profile = PolicyProfileLoader.LoadEmbedded(id);
            Assert.Equal(id, profile.Id);
            Assert.All(PolicyRuleIds.Required, rule => Assert.False(string.IsNullOrWhiteSpace(profile.Rule(rule).Citation)));
        }
    }

    [Fact]
    public void The_default_is_the_2021_draft_with_its_seed_thresholds()
    {
        var profile = new PolicyProfileProvider(Config(null)).Current;

        Assert.Equal("cn-2021-draft", profile.Id);
        Assert.Equal(100_000_000, profile.Thresholds.LargePlatform.DailyActiveUsersAbove);
        Assert.Equal(7, profile.Thresholds.Disclosure.NoticeDays);
        Assert.True(profile.Thresholds.Disclosure.LargePlatformAssessmentRequired);
        Assert.Equal(90, profile.Thresholds.Claims.ClaimWindowDays);
        Assert.Equal("duty", profile.Thresholds.Claims.AdvanceCompensation);
        Assert.Equal("CNY", profile.Thresholds.Claims.Currencies[0].Currency);
        Assert.Equal(new MoneyAmount(5_000_000, "CNY"), profile.Thresholds.Claims.PerClaimCap);
        Assert.Equal(new MoneyAmount(20_000, "CNY"), profile.Thresholds.Claims.AutoApprovalLimit);
    }

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Both_profiles_accept_claims_in_cny_hkd_and_usd_each_with_its_own_cap_and_auto_approval_limit(string id)
    {
        var claims = PolicyProfileLoader.LoadEmbedded(id).Thresholds.Claims;

        Assert.Equal(["CNY", "HKD", "USD"], claims.Currencies.Select(c => c.Currency));
        Assert.All(claims.Currencies, c => Assert.InRange(c.AutoApprovalLimit, 1, c.PerClaimCap));
        Assert.Null(claims.For("JPY"));
        Assert.Equal(claims.Currencies[1], claims.For("HKD"));
    }

    [Fact]
    public void The_published_policy_still_shows_the_home_currency_cap_and_auto_approval_limit_beside_the_currency_table()
    {
        var published = JsonNode.Parse(JsonSerializer.Serialize(PolicyProfileLoader.LoadEmbedded("cn-2025"), GovernanceJson.Options))!["thresholds"]!["claims"]!;

        Assert.Equal(5_000_000, published["perClaimCap"]!["amount"]!.GetValue<long>());
        Assert.Equal("CNY", published["perClaimCap"]!["currency"]!.GetValue<string>());
        Assert.Equal(20_000, published["autoApprovalLimit"]!["amount"]!.GetValue<long>());
        Assert.Equal("CNY", published["autoApprovalLimit"]!["currency"]!.GetValue<string>());
        Assert.Equal(
            "{\"currency\":\"USD\",\"perClaimCap\":700000,\"autoApprovalLimit\":3000}",
            published["currencies"]!.AsArray().Single(c => c!["currency"]!.GetValue<string>() == "USD")!.ToJsonString());
    }

    [Fact]
    public void The_2025_profile_drops_the_draft_duties_and_cites_the_laws_in_force()
    {
        var profile = new PolicyProfileProvider(Config("cn-2025")).Current;

        Assert.Equal("in_force", profile.Status);
        Assert.Null(profile.Thresholds.LargePlatform.DailyActiveUsersAbove);
        Assert.False(profile.Thresholds.Disclosure.LargePlatformAssessmentRequired);
        Assert.Equal("platform_policy", profile.Thresholds.Claims.AdvanceCompensation);
        Assert.Equal("E-Commerce Law of the PRC, Art. 34", profile.Rule(PolicyRuleIds.DisclosureNoticePeriod).Citation);
        Assert.Contains("Personal Information Protection Law of the PRC, Art. 24", profile.Rule(PolicyRuleIds.PricingDifferentialTreatment).Citation, StringComparison.Ordinal);
        Assert.Contains("Algorithmic Recommendation Provisions, Art. 21", profile.Rule(PolicyRuleIds.PricingDifferentialTreatment).Citation, StringComparison.Ordinal);
        Assert.Contains("Internet Platform Pricing Rules", profile.Rule(PolicyRuleIds.PricingDifferentialTreatment).Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void Draft_rules_without_a_verified_article_say_so()
    {
        var profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");

        Assert.All(
            profile.Rules.Where(r => r.Citation.StartsWith("Network Data Security Management Regulations", StringComparison.Ordinal)),
            r =>
            {
                Assert.DoesNotContain("Art.", r.Citation, StringComparison.Ordinal);
                Assert.Contains("not verified", r.Title, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void An_unknown_profile_fails_fast_naming_the_setting_and_the_choices()
    {
        var ex = Assert.Throws<PolicyProfileException>(() => new PolicyProfileProvider(Config("cn-1999")));

        Assert.Contains("cn-1999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Governance__PolicyProfile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cn-2021-draft, cn-2025", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_fails_with_the_file_name()
    {
        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse("{ \"id\": ", "broken.json"));

        Assert.Contains("broken.json is malformed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_property_is_a_typo_and_fails()
    {
        var json = Mutate("cn-2021-draft", p => p["thresholds"]!["disclosure"]!["noticeDay"] = 7);

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "typo.json"));

        Assert.Contains("noticeDay", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_threshold_fails()
    {
        var json = Mutate("cn-2021-draft", p => p["thresholds"]!["claims"]!.AsObject().Remove("claimWindowDays"));

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "missing.json"));

        Assert.Contains("claimWindowDays", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rule_fails_naming_it()
    {
        var json = Mutate("cn-2025", p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.Remove(rules.First(r => r!["id"]!.GetValue<string>() == PolicyRuleIds.ClaimsRecourse));
        });

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "cn-2025.json"));

        Assert.Contains("missing rules: claims.recourse", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"currency\":\"cny\",\"perClaimCap\":100,\"autoApprovalLimit\":10}", "currencies[0].currency 'cny' is not an active ISO 4217 currency code")]
    [InlineData("{\"currency\":\"ZZZ\",\"perClaimCap\":100,\"autoApprovalLimit\":10}", "currencies[0].currency 'ZZZ' is not an active ISO 4217 currency code")]
    [InlineData("{\"currency\":\"XAU\",\"perClaimCap\":100,\"autoApprovalLimit\":10}", "currencies[0].currency 'XAU' is not an active ISO 4217 currency code")]
    [InlineData("{\"currency\":\"CNY\",\"perClaimCap\":0,\"autoApprovalLimit\":0}", "currencies[0].perClaimCap must be a positive number of minor units")]
    [InlineData("{\"currency\":\"CNY\",\"perClaimCap\":100,\"autoApprovalLimit\":-1}", "currencies[0].autoApprovalLimit must not be negative")]
    [InlineData("{\"currency\":\"CNY\",\"perClaimCap\":100,\"autoApprovalLimit\":101}", "currencies[0].autoApprovalLimit must not exceed perClaimCap")]
    [InlineData("{\"currency\":\"CNY\",\"perClaimCap\":100}", "autoApprovalLimit")]
    public void Each_currency_is_an_iso_4217_code_with_a_positive_cap_at_least_its_auto_approval_limit_which_is_not_negative(string currency, string message)
    {
        var json = Mutate("cn-2021-draft", p => p["thresholds"]!["claims"]!["currencies"] = new JsonArray(JsonNode.Parse(currency)));

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "money.json"));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_auto_approval_limit_of_zero_means_every_claim_in_that_currency_is_reviewed()
    {
        var json = Mutate("cn-2021-draft", p => p["thresholds"]!["claims"]!["currencies"]![2]!["autoApprovalLimit"] = 0);

        Assert.Equal(0, PolicyProfileLoader.Parse(json, "zero.json").Thresholds.Claims.For("USD")!.AutoApprovalLimit);
    }

    [Fact]
    public void A_profile_without_currencies_or_with_one_listed_twice_fails()
    {
        var none = Mutate("cn-2021-draft", p => p["thresholds"]!["claims"]!["currencies"] = new JsonArray());
        var twice = Mutate("cn-2021-draft", p => p["thresholds"]!["claims"]!["currencies"]!.AsArray().Add(JsonNode.Parse("{\"currency\":\"HKD\",\"perClaimCap\":100,\"autoApprovalLimit\":10}")));

        Assert.Contains("currencies must list at least one currency", Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(none, "none.json")).Message, StringComparison.Ordinal);
        Assert.Contains("currencies[3].currency 'HKD' is listed twice", Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(twice, "twice.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_rule_ids_and_a_mismatched_id_fail()
    {
        var json = Mutate("cn-2021-draft", p =>
        {
            p["id"] = "renamed";
            p["rules"]!.AsArray().Add(JsonNode.Parse("{\"id\":\"claims.window\",\"title\":\"again\",\"citation\":\"x\"}"));
        });

        var ex = Assert.Throws<PolicyProfileException>(() => PolicyProfileLoader.Parse(json, "cn-2021-draft.json", expectedId: "cn-2021-draft"));

        Assert.Contains("duplicate rule ids: claims.window", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the file name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_render_with_their_citation()
    {
        var rule = PolicyProfileLoader.LoadEmbedded("cn-2025").Rule(PolicyRuleIds.DisclosureNoticePeriod);

        Assert.EndsWith("(E-Commerce Law of the PRC, Art. 34)", rule.ToString(), StringComparison.Ordinal);
    }
}
