using System.Globalization;
using Governance.Core.Platform;
using Governance.Core.Policies;

namespace Governance.Core.Disclosures;

/// <summary>What the publish gates look at: the version as it would be published, the profile and the platform's size.</summary>
public sealed record PublishGateInput(
    string Kind,
    int Version,
    DisclosureMetadata Metadata,
    DateTimeOffset PublishedAt,
    PolicyProfile Profile,
    PlatformSize PlatformSize);

/// <summary>
/// The publish gates, each from the active policy profile. Every unmet gate is reported (keyed by gate), each
/// message naming the rule id, the rule and its legal citation, so a 422 tells the operator everything to fix.
/// </summary>
public static class DisclosureGates
{
    public const string NoticePeriod = "noticePeriod";
    public const string LargePlatform = "largePlatform";
    public const string AlgorithmTransparency = "algorithmTransparency";

    public static IReadOnlyDictionary<string, string[]> Evaluate(PublishGateInput input)
    {
        var failures = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string gate, string ruleId, string message)
        {
            var rule = input.Profile.Rule(ruleId);
            if (!failures.TryGetValue(gate, out var list))
            {
                failures[gate] = list = [];
            }

            list.Add($"{message} Rule {rule.Id}: {rule.Title} ({rule.Citation}).");
        }

        CheckNoticePeriod(input, Fail);
        CheckLargePlatform(input, Fail);
        CheckAlgorithm(input, Fail);
        return failures.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The earliest effectiveFrom the notice period allows for a version published at <paramref name="publishedAt"/>.</summary>
    public static DateTimeOffset EarliestEffectiveFrom(PolicyProfile profile, DateTimeOffset publishedAt)
        => publishedAt.AddDays(profile.Thresholds.Disclosure.NoticeDays);

    private static void CheckNoticePeriod(PublishGateInput input, Action<string, string, string> fail)
    {
        if (input.Version == 1)
        {
            return; // The kind's first version has no earlier rules to change.
        }

        var days = input.Profile.Thresholds.Disclosure.NoticeDays;
        var earliest = EarliestEffectiveFrom(input.Profile, input.PublishedAt);
        if (input.Metadata.EffectiveFrom < earliest)
        {
            fail(NoticePeriod, PolicyRuleIds.DisclosureNoticePeriod,
                $"effectiveFrom {Iso(input.Metadata.EffectiveFrom)} is less than {days} days after publication at {Iso(input.PublishedAt)}; the earliest allowed is {Iso(earliest)}.");
        }
    }

    private static void CheckLargePlatform(PublishGateInput input, Action<string, string, string> fail)
    {
        var thresholds = input.Profile.Thresholds;
        if (!thresholds.Disclosure.LargePlatformAssessmentRequired
            || !input.Metadata.SignificantImpact
            || !input.PlatformSize.IsLargePlatform(thresholds.LargePlatform))
        {
            return;
        }

        var why = $"The platform is large under profile {input.Profile.Id} ({Describe(input.PlatformSize, thresholds.LargePlatform)}) and this change has significant impact:";
        var assessment = input.Metadata.Assessment;
        if (assessment is null)
        {
            fail(LargePlatform, PolicyRuleIds.DisclosureLargePlatformAssessment, $"{why} an assessment by a recognised third-party agency with conclusion 'pass' is required.");
        }
        else if (assessment.Conclusion != Assessment.Pass)
        {
            fail(LargePlatform, PolicyRuleIds.DisclosureLargePlatformAssessment, $"{why} the assessment by {assessment.Agency} concluded '{assessment.Conclusion}'; 'pass' is required.");
        }

        var filing = input.Metadata.Filing;
        if (filing is null)
        {
            fail(LargePlatform, PolicyRuleIds.DisclosureLargePlatformAssessment, $"{why} a filing with the provincial cyberspace authority and the telecom authority is required.");
        }
        else if (filing.AcceptedAt > input.PublishedAt)
        {
            fail(LargePlatform, PolicyRuleIds.DisclosureLargePlatformAssessment, $"{why} the filing's acceptedAt {Iso(filing.AcceptedAt)} is after publication; the filing must be accepted first.");
        }
    }

    private static void CheckAlgorithm(PublishGateInput input, Action<string, string, string> fail)
    {
        if (input.Kind != DisclosureKinds.AlgorithmStrategy)
        {
            return;
        }

        var algorithm = input.Metadata.Algorithm;
        if (algorithm is null || algorithm.MainParameters.Count == 0)
        {
            fail(AlgorithmTransparency, PolicyRuleIds.DisclosureAlgorithmTransparency, "algorithm.mainParameters must list at least one main parameter of the algorithm.");
        }

        if (algorithm is null || !algorithm.PersonalizationOptOut)
        {
            fail(AlgorithmTransparency, PolicyRuleIds.DisclosureAlgorithmTransparency, "algorithm.personalizationOptOut must be true: users must be able to switch off personalisation.");
        }
    }

    private static string Describe(PlatformSize size, LargePlatformThresholds t)
    {
        var parts = new List<string>();
        if (t.DailyActiveUsersAbove is { } dau && size.DailyActiveUsers > dau)
        {
            parts.Add($"{N(size.DailyActiveUsers)} daily active users, more than {N(dau)}");
        }

        if (t.MonthlyActiveUsersAtLeast is { } mau && size.MonthlyActiveUsers >= mau)
        {
            parts.Add($"{N(size.MonthlyActiveUsers)} monthly active users, at least {N(mau)}");
        }

        if (t.RegisteredUsersAtLeast is { } registered && size.RegisteredUsers >= registered)
        {
            parts.Add($"{N(size.RegisteredUsers)} registered users, at least {N(registered)}");
        }

        return string.Join("; ", parts);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
