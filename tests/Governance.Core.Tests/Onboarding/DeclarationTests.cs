using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Validation;
using static Governance.Core.Tests.Onboarding.OnboardingKit;

namespace Governance.Core.Tests.Onboarding;

public sealed class DeclarationTests
{
    private static readonly DeclarationPolicies Policies = Draft.Onboarding.Declarations;
    private static readonly ClauseScope Scope = new("The Developer shall process personal data only for order delivery, using the contact details and delivery address of users.");

    private static DeclarationEvaluation Evaluate(OnboardingManifest manifest) => DeclarationChecks.Evaluate(manifest, Scope, Policies);

    [Fact]
    public void A_clean_manifest_raises_nothing()
    {
        var result = Evaluate(Manifest());

        Assert.Empty(result.Findings);
        Assert.Empty(result.RequiredExtraClauses);
    }

    [Fact]
    public void Any_core_category_rejects_citing_its_rule()
    {
        var finding = Assert.Single(Evaluate(Manifest(classification: "core")).Findings);

        Assert.Equal(FindingStatus.Rejected, finding.Status);
        Assert.Equal("onboarding.core-data", finding.RuleId);
        Assert.Contains("Data Security Law", finding.LegalBasis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("important", 10)]
    [InlineData("general", 1_000_000)]
    public void Important_data_or_a_million_subjects_require_the_extra_clauses(string classification, long subjects)
        => Assert.Equal(["data_security_officer", "risk_assessment"], Evaluate(Manifest(classification: classification, subjects: subjects)).RequiredExtraClauses);

    [Fact]
    public void Fewer_than_a_million_general_subjects_need_no_extra_clauses()
        => Assert.Empty(Evaluate(Manifest(subjects: 999_999)).RequiredExtraClauses);

    [Fact]
    public void Transfers_abroad_without_an_assessment_reference_are_blocking()
    {
        var without = Assert.Single(Evaluate(Manifest(crossBorder: true)).Findings);
        var with = Evaluate(Manifest(crossBorder: true, assessment: "CAC-2026-0042")).Findings;

        Assert.Equal(("onboarding.cross-border-assessment", ClauseSeverity.Blocking, FindingStatus.Violated), (without.RuleId, without.Severity, without.Status));
        Assert.Empty(with);
    }

    [Theory]
    [InlineData(new[] { "face" }, true)]
    [InlineData(new[] { "fingerprint", "voiceprint" }, true)]
    [InlineData(new[] { "face", "password" }, false)]
    [InlineData(new[] { "totp" }, false)]
    public void Biometrics_may_not_be_the_only_authentication(string[] methods, bool blocked)
        => Assert.Equal(blocked, Evaluate(Manifest(methods: methods)).Findings.Any(f => f.RuleId == "onboarding.biometric-sole-authentication" && f.Severity == ClauseSeverity.Blocking));

    [Fact]
    public void Purposes_or_categories_outside_the_contract_scope_are_major()
    {
        var finding = Assert.Single(Evaluate(Manifest(purposes: ["order delivery", "targeted advertising"], categoryName: "precise location")).Findings);

        Assert.Equal(("onboarding.scope-coverage", ClauseSeverity.Major), (finding.RuleId, finding.Severity));
        Assert.Contains("targeted advertising", finding.Message.En, StringComparison.Ordinal);
        Assert.Contains("precise location", finding.Message.En, StringComparison.Ordinal);
        Assert.DoesNotContain("order delivery", finding.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_declarations_are_compared_with_a_chinese_scope()
    {
        var scope = new ClauseScope("乙方仅可为订单配送目的处理用户的联系方式和收货地址。");

        Assert.True(ScopeCoverage.Covers(scope, "订单配送"));
        Assert.True(ScopeCoverage.Covers(scope, "收货地址"));
        Assert.False(ScopeCoverage.Covers(scope, "精准广告推送"));
    }

    [Fact]
    public void A_malformed_manifest_gives_field_errors()
    {
        var errors = new ValidationErrors();
        const string json = """
            { "app": {"name": "", "description": "d", "category": "c", "homepage": "ftp://x"},
              "data": { "categories": [{"name": "x", "classification": "secret", "personalInformation": true}],
                        "purposes": [], "retentionDays": -1, "subjectsCount": 5, "crossBorder": {"enabled": true} },
              "authentication": {"methods": ["Face ID"]}, "sdks": [] }
            """;

        Assert.Null(ManifestValidator.Parse(json, errors));
        var fields = errors.ToDictionary().Keys;
        Assert.Contains("app.name", fields);
        Assert.Contains("app.homepage", fields);
        Assert.Contains("data.categories[0].classification", fields);
        Assert.Contains("data.categories[0].sensitive", fields);
        Assert.Contains("data.purposes", fields);
        Assert.Contains("data.retentionDays", fields);
        Assert.Contains("data.crossBorder.destinations", fields);
        Assert.Contains("authentication.methods[0]", fields);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"data\": {\"subjectsCount\": \"many\"}}")]
    [InlineData("null")]
    public void Unparseable_manifests_are_field_errors_not_exceptions(string json)
    {
        var errors = new ValidationErrors();

        Assert.Null(ManifestValidator.Parse(json, errors));
        Assert.False(errors.IsEmpty);
    }

    [Fact]
    public void A_valid_manifest_parses()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Manifest(), Governance.Core.Json.GovernanceJson.Options);
        var errors = new ValidationErrors();

        Assert.NotNull(ManifestValidator.Parse(json, errors));
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void The_reassessment_interval_follows_the_highest_classification()
    {
        var policy = Draft.Onboarding.Reassessment;

        Assert.Equal(TimeSpan.FromDays(policy.IntervalDays["important"]), policy.IntervalFor(["general", "important"]));
        Assert.Equal(TimeSpan.FromDays(policy.IntervalDays["general"]), policy.IntervalFor([]));
        Assert.True(policy.IntervalDays["important"] < policy.IntervalDays["general"]);
    }

    [Fact]
    public void An_unvalidated_manifest_with_holes_is_checked_without_failing()
    {
        var manifest = new OnboardingManifest(null, new ManifestData([null!, new ManifestDataCategory(null, "core", null, null)], [null!], null, null, null), new ManifestAuthentication([null!]), null);

        var result = Evaluate(manifest);

        Assert.Contains(result.Findings, f => f.Status == FindingStatus.Rejected);
    }
}
