using Governance.Core.Compliance;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Compliance.Exports;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Compliance;

public sealed class ExportPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly PolicyProfile Draft = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
    private static readonly PolicyProfile Final = PolicyProfileLoader.LoadEmbedded("cn-2025");

    private static ExportedAsset Asset(string classification, long individuals = 0, bool sensitive = false)
        => new("ast_" + Guid.NewGuid().ToString("N"), "asset", classification, individuals, sensitive);

    private static ExportDecision Decide(PolicyProfile profile, string route, string? reference = null, DateTimeOffset? expiresAt = null, string operatorType = "other", long held = 0, params ExportedAsset[] assets)
        => ExportPolicy.Evaluate(new ExportFacts(assets, route, reference, expiresAt, Now, operatorType, CatalogTotals.Empty with { PersonalInformationIndividuals = held }), profile);

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Core_data_is_refused_on_every_route_citing_its_rule(string id)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);
        foreach (var route in ExportRoutes.All)
        {
            var decision = Decide(profile, route, "REF", assets: Asset("core"));
            Assert.False(decision.Allowed);
            Assert.Contains(profile.Rule(ComplianceRuleIds.ExportCoreData).Citation, Assert.Single(decision.Refusals[ComplianceRuleIds.ExportCoreData]), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Important_data_passes_only_by_security_assessment_with_a_reference(string id)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);
        Assert.Contains(ComplianceRuleIds.ExportImportantData, Decide(profile, ExportRoutes.StandardContract, assets: Asset("important")).Refusals.Keys);
        Assert.Contains("reference", Decide(profile, ExportRoutes.SecurityAssessment, "  ", assets: Asset("important")).Refusals[ComplianceRuleIds.ExportImportantData][0], StringComparison.Ordinal);

        var allowed = Decide(profile, ExportRoutes.SecurityAssessment, "CAC-1", assets: Asset("important"));
        Assert.True(allowed.Allowed);
        Assert.Contains(ComplianceRuleIds.ExportImportantData, allowed.AppliedRules);
        Assert.True(Decide(profile, ExportRoutes.Exemption, assets: Asset("general")).Allowed);
    }

    [Fact]
    public void The_2025_profile_counts_the_individuals_of_the_transfer_from_one_million()
    {
        Assert.True(Decide(Final, ExportRoutes.StandardContract, held: 50_000_000, assets: [Asset("general", 600_000), Asset("general", 399_999)]).Allowed);
        Assert.Contains(ComplianceRuleIds.ExportPersonalInformationVolume,
            Decide(Final, ExportRoutes.StandardContract, assets: [Asset("general", 600_000), Asset("general", 400_000)]).Refusals.Keys);
    }

    [Fact]
    public void The_draft_counts_the_individuals_the_platform_holds_once_the_transfer_carries_any()
    {
        Assert.Contains(ComplianceRuleIds.ExportPersonalInformationVolume, Decide(Draft, ExportRoutes.Certification, held: 1_000_000, assets: Asset("general", 1)).Refusals.Keys);
        Assert.True(Decide(Draft, ExportRoutes.Certification, held: 999_999, assets: Asset("general", 1)).Allowed);
        Assert.True(Decide(Draft, ExportRoutes.Certification, held: 5_000_000, assets: Asset("general")).Allowed);
    }

    [Theory]
    [InlineData("cn-2021-draft")]
    [InlineData("cn-2025")]
    public void Sensitive_personal_information_needs_an_assessment_from_ten_thousand_individuals(string id)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);
        Assert.True(Decide(profile, ExportRoutes.StandardContract, assets: [Asset("general", 9_999, sensitive: true), Asset("general", 10)]).Allowed);
        Assert.Contains(ComplianceRuleIds.ExportSensitivePersonalInformation, Decide(profile, ExportRoutes.StandardContract, assets: Asset("general", 10_000, sensitive: true)).Refusals.Keys);
    }

    [Fact]
    public void A_critical_infrastructure_operator_needs_an_assessment_for_any_personal_information_or_important_data()
    {
        Assert.Contains(ComplianceRuleIds.ExportCriticalInfrastructure, Decide(Final, ExportRoutes.StandardContract, operatorType: "critical_infrastructure", assets: Asset("general", 1)).Refusals.Keys);
        Assert.True(Decide(Final, ExportRoutes.StandardContract, operatorType: "critical_infrastructure", assets: Asset("general")).Allowed);
        Assert.True(Decide(Final, ExportRoutes.StandardContract, operatorType: "state_body", assets: Asset("general", 1)).Allowed);
    }

    [Fact]
    public void Every_unmet_rule_is_reported_at_once()
    {
        var decision = Decide(Final, ExportRoutes.Exemption, operatorType: "critical_infrastructure", assets: [Asset("core"), Asset("important", 2_000_000, sensitive: true)]);

        Assert.Equal(
            new[] { ComplianceRuleIds.ExportCoreData, ComplianceRuleIds.ExportCriticalInfrastructure, ComplianceRuleIds.ExportImportantData, ComplianceRuleIds.ExportPersonalInformationVolume, ComplianceRuleIds.ExportSensitivePersonalInformation },
            decision.Refusals.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cn-2021-draft", 730)]
    [InlineData("cn-2025", 1095)]
    public void An_assessment_approval_runs_at_most_the_profiles_validity_and_that_long_by_default(string id, int days)
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);
        Assert.Equal(Now.AddDays(days), Decide(profile, ExportRoutes.SecurityAssessment, "CAC", assets: Asset("general")).ExpiresAt);
        Assert.True(Decide(profile, ExportRoutes.SecurityAssessment, "CAC", Now.AddDays(days), assets: Asset("general")).Allowed);
        Assert.Contains(ComplianceRuleIds.ExportAssessmentValidity, Decide(profile, ExportRoutes.SecurityAssessment, "CAC", Now.AddDays(days).AddSeconds(1), assets: Asset("general")).Refusals.Keys);
        Assert.Null(Decide(profile, ExportRoutes.StandardContract, assets: Asset("general")).ExpiresAt);
    }
}
