using Governance.Core.Disclosures;
using Governance.Core.Platform;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureGatesTests
{
    private static readonly PolicyProfile Draft2021 = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
    private static readonly PolicyProfile Law2025 = PolicyProfileLoader.LoadEmbedded("cn-2025");
    private static readonly DateTimeOffset PublishedAt = DisclosureSamples.Start;
    private static readonly PlatformSize Large = new(150_000_000, 300_000_000, 600_000_000);
    private static readonly AlgorithmDisclosure GoodAlgorithm = new("Ranking", "Feed.", [new("clicks", "Recent clicks.")], true, null);

    private static IReadOnlyDictionary<string, string[]> Evaluate(
        DisclosureMetadata metadata,
        int version = 2,
        string kind = DisclosureKinds.PlatformRules,
        PolicyProfile? profile = null,
        PlatformSize? size = null)
        => DisclosureGates.Evaluate(new PublishGateInput(kind, version, metadata, PublishedAt, profile ?? Draft2021, size ?? PlatformSize.Unknown));

    [Fact]
    public void Seven_days_notice_passes_and_one_millisecond_less_fails_naming_the_rule_and_citation()
    {
        Assert.Empty(Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(7))));

        var errors = Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(7).AddMilliseconds(-1)));

        var message = Assert.Single(errors[DisclosureGates.NoticePeriod]);
        var rule = Draft2021.Rule(PolicyRuleIds.DisclosureNoticePeriod);
        Assert.Contains(rule.Id, message, StringComparison.Ordinal);
        Assert.Contains(rule.Citation, message, StringComparison.Ordinal);
        Assert.Contains("2026-03-08T09:00:00.000Z", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kinds_first_version_needs_no_notice()
        => Assert.Empty(Evaluate(DisclosureSamples.Metadata(PublishedAt), version: 1));

    [Fact]
    public void A_large_platforms_significant_change_needs_a_passed_assessment_and_a_filing()
    {
        var errors = Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(8), significantImpact: true), size: Large);

        var messages = errors[DisclosureGates.LargePlatform];
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.Contains("assessment", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("filing", StringComparison.Ordinal));
        var rule = Draft2021.Rule(PolicyRuleIds.DisclosureLargePlatformAssessment);
        Assert.All(messages, m => Assert.Contains($"Rule {rule.Id}: {rule.Title} ({rule.Citation})", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Contains("150,000,000 daily active users, more than 100,000,000", m, StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_assessment_or_a_filing_accepted_after_publication_does_not_count()
    {
        var metadata = DisclosureSamples.Metadata(
            PublishedAt.AddDays(8),
            significantImpact: true,
            assessment: new Assessment("Agency", "R-1", Assessment.Fail, new string('a', 64)),
            filing: new Filing("CAC", "F-1", PublishedAt.AddHours(1)));

        var messages = Evaluate(metadata, size: Large)[DisclosureGates.LargePlatform];

        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.Contains("concluded 'fail'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("after publication", StringComparison.Ordinal));
    }

    [Fact]
    public void A_passed_assessment_and_an_earlier_filing_satisfy_the_large_platform_gate()
    {
        var metadata = DisclosureSamples.Metadata(
            PublishedAt.AddDays(8),
            significantImpact: true,
            assessment: new Assessment("Agency", "R-1", Assessment.Pass, new string('a', 64)),
            filing: new Filing("CAC", "F-1", PublishedAt.AddDays(-1)));

        Assert.Empty(Evaluate(metadata, size: Large));
    }

    [Theory]
    [InlineData(100_000_000L, true)] // exactly the threshold is not "more than"
    [InlineData(150_000_000L, false)] // not significant
    public void The_large_platform_gate_applies_only_above_the_threshold_and_to_significant_changes(long dailyActiveUsers, bool significant)
    {
        var size = new PlatformSize(dailyActiveUsers, dailyActiveUsers, dailyActiveUsers);

        var errors = Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(8), significantImpact: significant), size: size);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_profile_without_the_assessment_duty_never_asks_for_it()
        => Assert.Empty(Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(8), significantImpact: true), profile: Law2025, size: Large));

    [Fact]
    public void An_algorithm_strategy_needs_main_parameters_and_an_opt_out()
    {
        var weak = GoodAlgorithm with { MainParameters = [], PersonalizationOptOut = false };

        var errors = Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(8), algorithm: weak), kind: DisclosureKinds.AlgorithmStrategy, profile: Law2025);

        var messages = errors[DisclosureGates.AlgorithmTransparency];
        Assert.Equal(2, messages.Length);
        Assert.All(messages, m => Assert.Contains("Algorithmic Recommendation Provisions, Art. 16 and Art. 17", m, StringComparison.Ordinal));
        Assert.Empty(Evaluate(DisclosureSamples.Metadata(PublishedAt.AddDays(8), algorithm: GoodAlgorithm), kind: DisclosureKinds.AlgorithmStrategy));
    }

    [Fact]
    public void Every_unmet_gate_is_listed_together()
    {
        var metadata = DisclosureSamples.Metadata(PublishedAt.AddDays(1), significantImpact: true, algorithm: GoodAlgorithm with { MainParameters = [] });

        var errors = Evaluate(metadata, kind: DisclosureKinds.AlgorithmStrategy, size: Large);

        Assert.Equal(
            [DisclosureGates.AlgorithmTransparency, DisclosureGates.LargePlatform, DisclosureGates.NoticePeriod],
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
