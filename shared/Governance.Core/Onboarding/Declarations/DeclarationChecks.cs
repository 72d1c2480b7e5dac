using Governance.Core.Onboarding.Clauses;

namespace Governance.Core.Onboarding.Declarations;

/// <summary>The declaration findings, and the extra clause-library rules the declarations make required.</summary>
public sealed record DeclarationEvaluation(IReadOnlyList<ClauseFinding> Findings, IReadOnlyList<string> RequiredExtraClauses);

/// <summary>
/// The declaration policies of the profile applied to a (validated) manifest, each finding citing its rule:
/// a <c>core</c> category rejects; important data or many subjects make the extra clauses required; transfers
/// abroad need an assessment reference; biometrics may not be the only authentication; declared purposes and
/// categories must fall within the contract's scope. Only problems are reported. Pure.
/// </summary>
public static class DeclarationChecks
{
    public static DeclarationEvaluation Evaluate(OnboardingManifest manifest, ClauseScope? scope, DeclarationPolicies policies)
    {
        var findings = new List<ClauseFinding>();
        // Null-safe on purpose: the checks also run on manifests that were not validated (the benchmark, a re-check).
        var categories = (manifest.Data?.Categories ?? []).Where(c => c is not null).ToList();
        var core = categories.Where(c => c.Classification == DataClassifications.Core).Select(c => c.Name).ToList();
        if (core.Count > 0)
        {
            findings.Add(Finding(policies.CoreData, FindingStatus.Rejected,
                $"Core data is declared ({string.Join(", ", core)}); third-party apps may not process core data.",
                $"申报了国家核心数据（{string.Join("、", core)}）；第三方应用不得处理核心数据。"));
        }

        var elevated = policies.ElevatedData;
        var elevatedCategories = categories.Where(c => c.Classification is { } k && elevated.Classifications.Contains(k)).Select(c => c.Name).ToList();
        var subjects = manifest.Data?.SubjectsCount ?? 0;
        var extra = new List<string>();
        if (elevatedCategories.Count > 0 || subjects >= elevated.SubjectsAtLeast)
        {
            extra.AddRange(elevated.Clauses);
        }

        var crossBorder = manifest.Data?.CrossBorder;
        if (crossBorder?.Enabled == true && string.IsNullOrWhiteSpace(crossBorder.AssessmentReference))
        {
            findings.Add(Finding(policies.CrossBorderAssessment, FindingStatus.Violated,
                "Transfers abroad are declared without the reference of a completed security assessment.",
                "申报了数据出境，但未提供已完成的安全评估编号。"));
        }

        var methods = (manifest.Authentication?.Methods ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToLowerInvariant()).Distinct().ToList();
        if (methods.Count > 0 && methods.All(policies.BiometricOnly.Methods.Contains))
        {
            findings.Add(Finding(policies.BiometricOnly, FindingStatus.Violated,
                $"Biometrics ({string.Join(", ", methods)}) are the only means of identity authentication; offer another method beside them.",
                $"生物特征（{string.Join("、", methods)}）是唯一的身份认证方式；应同时提供其他认证方式。"));
        }

        if (scope is not null)
        {
            var uncovered = (manifest.Data?.Purposes ?? []).Where(p => !string.IsNullOrWhiteSpace(p) && !ScopeCoverage.Covers(scope, p))
                .Concat(categories.Select(c => c.Name ?? string.Empty).Where(n => n.Length > 0 && !ScopeCoverage.Covers(scope, n)))
                .ToList();
            if (uncovered.Count > 0)
            {
                findings.Add(Finding(policies.ScopeCoverage, FindingStatus.Violated,
                    $"The contract's scope does not cover these declared purposes or categories: {string.Join("; ", uncovered)}.",
                    $"合同约定的范围未涵盖以下申报的目的或数据种类：{string.Join("；", uncovered)}。"));
            }
        }

        return new DeclarationEvaluation(findings, extra);
    }

    private static ClauseFinding Finding(DeclarationPolicy policy, FindingStatus status, string en, string zh)
        => new(policy.RuleId, null, policy.Title, policy.Severity, status, null, policy.Citation, new LocalizedText(en, zh));
}
