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

    public const string CompleteEnglish = """
        DATA PROCESSING AGREEMENT

        This agreement is made between Example Platform Co., Ltd. (the "Platform") and Acme Apps Ltd. (the "Developer").

        1. The Developer is responsible for the security of the personal data it processes and of its own systems.
        2. The Developer shall process personal data only for order delivery and the contact details listed in Annex 1, and for no other purpose.
        3. The Developer shall protect the data with encryption in transit and at rest and with role-based access control.
        4. The Developer shall notify the Platform of any data breach within 24 hours.
        5. The Developer shall not disclose personal data to any third party without the Platform's prior written consent.
        6. The Developer shall not transfer personal data abroad unless the statutory security assessment has been passed.
        7. Upon termination, the Developer shall delete all personal data.
        8. The Platform may audit the Developer's processing activities.
        9. The Developer shall be liable for any breach and shall reimburse the Platform for compensation it paid to users in advance.
        10. The Developer shall keep processing records for at least three years.
        """;
}
