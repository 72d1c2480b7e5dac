using System.Diagnostics;
using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Policies;

namespace Governance.Core.Onboarding;

/// <summary>Everything one check produced: the decision, the extraction outcome and the library version used.</summary>
public sealed record ContractCheckResult(
    OnboardingDecision Decision,
    ExtractionFailure? ExtractionFailure,
    ContractFormat? Format,
    int PageCount,
    string ProfileId,
    string ClauseLibraryVersion,
    TimeSpan Elapsed);

/// <summary>
/// The whole analytical check of one onboarding request, pure apart from the time it measures: extract the
/// contract's text under limits, analyse it against the profile's clause library, apply the declaration
/// policies to the manifest, decide. The queue-triggered flow and the benchmark call this.
/// </summary>
public static class ContractCheck
{
    public static ContractCheckResult Run(byte[] contract, string? fileName, OnboardingManifest manifest, PolicyProfile profile, ContractExtractionLimits limits, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var policy = profile.Onboarding;
        var library = policy.ClauseLibrary;
        var extraction = ContractTextExtractor.Extract(contract, fileName, limits, ct);
        ClauseAnalysis? analysis = extraction.Document is { } document ? ClauseAnalyzer.Analyze(document, library) : null;
        var declarations = DeclarationChecks.Evaluate(manifest, analysis?.Scope, policy.Declarations);
        var findings = new List<ClauseFinding>();
        if (analysis is not null)
        {
            findings.AddRange(OnboardingDecisions.Applicable(analysis.Findings, library, declarations.RequiredExtraClauses));
        }
        else
        {
            findings.Add(OnboardingDecisions.Unreadable(extraction.Failure!, library));
        }

        findings.AddRange(declarations.Findings);
        return new ContractCheckResult(OnboardingDecisions.Decide(findings), extraction.Failure, extraction.Document?.Format,
            extraction.Document?.PageCount ?? 0, profile.Id, library.Version, clock.Elapsed);
    }
}
