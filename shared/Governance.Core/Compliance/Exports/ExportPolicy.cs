using System.Globalization;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Onboarding;
using Governance.Core.Platform;
using Governance.Core.Policies;

namespace Governance.Core.Compliance.Exports;

/// <summary>What the export rules look at: the transfer as requested, the operator's type and the catalog's totals.</summary>
public sealed record ExportFacts(
    IReadOnlyList<ExportedAsset> Assets,
    string Route,
    string? Reference,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset Now,
    string OperatorType,
    CatalogTotals Catalog);

/// <summary>
/// The outcome: every unmet rule (keyed by rule id, each message citing the rule), the rules that applied and were
/// met, and the approval's expiry (a security assessment's validity when none was given).
/// </summary>
public sealed record ExportDecision(IReadOnlyDictionary<string, string[]> Refusals, IReadOnlyList<string> AppliedRules, DateTimeOffset? ExpiresAt)
{
    public bool Allowed => Refusals.Count == 0;
}

/// <summary>
/// The cross-border transfer rules of the active profile, pure: core data is never exported; important data,
/// personal information of at least the profile's number of individuals (counted per transfer or from the
/// catalog, as the profile says), sensitive personal information above its own threshold, and any personal
/// information or important data of a critical-infrastructure operator need the <c>security_assessment</c> route
/// with the assessment's <c>reference</c>; an approval never outlives the assessment's validity.
/// </summary>
public static class ExportPolicy
{
    public static ExportDecision Evaluate(ExportFacts facts, PolicyProfile profile)
    {
        var rules = profile.Compliance.Exports;
        var refusals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var applied = new List<string>();
        void Refuse(string ruleId, string message)
        {
            var rule = profile.Rule(ruleId);
            if (!refusals.TryGetValue(ruleId, out var list))
            {
                refusals[ruleId] = list = [];
            }

            list.Add($"{message} Rule {rule.Id}: {rule.Title} ({rule.Citation}).");
        }

        var core = facts.Assets.Where(a => a.Classification == DataClassifications.Core).ToList();
        if (core.Count > 0)
        {
            Refuse(ComplianceRuleIds.ExportCoreData, $"Core data is never transferred abroad: {Names(core)}.");
        }

        var important = facts.Assets.Where(a => a.Classification == DataClassifications.Important).ToList();
        if (important.Count > 0)
        {
            RequireAssessment(ComplianceRuleIds.ExportImportantData, $"The transfer carries important data ({Names(important)}).");
        }

        var exported = facts.Assets.Sum(a => a.Individuals);
        var pi = rules.PersonalInformation;
        var individuals = pi.Counting == ExportCounting.Held ? facts.Catalog.PersonalInformationIndividuals : exported;
        if (exported > 0 && individuals >= pi.IndividualsAtLeast)
        {
            RequireAssessment(ComplianceRuleIds.ExportPersonalInformationVolume, pi.Counting == ExportCounting.Held
                ? $"The platform holds personal information of {N(individuals)} individuals (at least {N(pi.IndividualsAtLeast)}) and the transfer carries personal information."
                : $"The transfer carries personal information of {N(individuals)} individuals (at least {N(pi.IndividualsAtLeast)}).");
        }

        var sensitive = rules.SensitivePersonalInformation;
        var sensitiveExported = facts.Assets.Where(a => a.Sensitive).Sum(a => a.Individuals);
        var sensitiveCount = sensitive.Counting == ExportCounting.Held ? facts.Catalog.SensitiveIndividuals : sensitiveExported;
        if (sensitiveExported > 0 && sensitiveCount >= sensitive.IndividualsAtLeast)
        {
            RequireAssessment(ComplianceRuleIds.ExportSensitivePersonalInformation,
                $"Sensitive personal information of {N(sensitiveCount)} individuals (at least {N(sensitive.IndividualsAtLeast)}) is involved.");
        }

        if (facts.OperatorType == OperatorTypes.CriticalInfrastructure && (exported > 0 || important.Count > 0 || core.Count > 0))
        {
            RequireAssessment(ComplianceRuleIds.ExportCriticalInfrastructure,
                "The platform is a critical information infrastructure operator and the transfer carries personal information or important data.");
        }

        var expiresAt = facts.ExpiresAt;
        if (facts.Route == ExportRoutes.SecurityAssessment)
        {
            var longest = facts.Now.AddDays(rules.AssessmentValidityDays);
            expiresAt ??= longest;
            applied.Add(ComplianceRuleIds.ExportAssessmentValidity);
            if (expiresAt > longest)
            {
                Refuse(ComplianceRuleIds.ExportAssessmentValidity,
                    $"expiresAt {Iso(expiresAt.Value)} is later than a security assessment stays valid ({rules.AssessmentValidityDays} days, until {Iso(longest)}).");
            }
        }

        if (expiresAt is not null)
        {
            applied.Add(ComplianceRuleIds.ExportExpiryWarning);
        }

        applied.Add(ComplianceRuleIds.ExportRecordRetention);
        return new ExportDecision(
            refusals.ToDictionary(r => r.Key, r => r.Value.ToArray(), StringComparer.Ordinal),
            applied.Distinct(StringComparer.Ordinal).ToList(),
            expiresAt);

        void RequireAssessment(string ruleId, string why)
        {
            if (facts.Route != ExportRoutes.SecurityAssessment)
            {
                Refuse(ruleId, $"{why} It needs route security_assessment, not {facts.Route}.");
            }
            else if (string.IsNullOrWhiteSpace(facts.Reference))
            {
                Refuse(ruleId, $"{why} The security assessment's reference (its approval number) is required.");
            }
            else
            {
                applied.Add(ruleId);
            }
        }
    }

    private static string Names(IEnumerable<ExportedAsset> assets) => string.Join(", ", assets.Select(a => $"'{a.Name}' ({a.AssetId})"));

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
