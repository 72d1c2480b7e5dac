using System.Text;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Onboarding;

internal static class OnboardingKit
{
    public static PolicyProfile Draft { get; } = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");

    public static PolicyProfile Final { get; } = PolicyProfileLoader.LoadEmbedded("cn-2025");

    public static ContractDocument Document(string text, string fileName = "contract.txt")
    {
        var result = ContractTextExtractor.Extract(Encoding.UTF8.GetBytes(text), fileName, ContractExtractionLimits.Default);
        Assert.True(result.Succeeded, result.Failure?.Reason);
        return result.Document!;
    }

    public static IReadOnlyDictionary<string, ClauseFinding> Analyze(string text, PolicyProfile? profile = null)
        => ClauseAnalyzer.Analyze(Document(Pad(text)), (profile ?? Draft).Onboarding.ClauseLibrary).Findings.ToDictionary(f => f.RuleId);

    public static FindingStatus StatusOf(string rule, string text, PolicyProfile? profile = null) => Analyze(text, profile)[rule].Status;

    /// <summary>Short test texts get a neutral preamble so they pass the minimum-text check.</summary>
    private static string Pad(string text)
        => text.Length >= 200 ? text : "This agreement is made between the Platform and the Developer named below and sets out their obligations.\n\n" + text;

    public static OnboardingManifest Manifest(
        string classification = "general", long subjects = 1000, bool crossBorder = false, string? assessment = null,
        string[]? methods = null, string[]? purposes = null, string categoryName = "contact details")
        => new(
            new ManifestApp("Acme Delivery", "Food delivery app", "delivery", "https://acme.example"),
            new ManifestData(
                [new ManifestDataCategory(categoryName, classification, true, false)],
                purposes ?? ["order delivery"],
                365,
                subjects,
                new ManifestCrossBorder(crossBorder, crossBorder ? ["SG"] : [], assessment)),
            new ManifestAuthentication(methods ?? ["password", "sms_otp"]),
            [new ManifestSdk("maps-sdk", "MapCo", "delivery routing")]);

    public const string CompleteEnglish = SampleContracts.CompleteEnglish;
}
