using System.Globalization;
using System.Text;
using Governance.Core.Onboarding;
using Governance.Core.Onboarding.Clauses;
using Governance.Core.Onboarding.Extraction;
using Governance.Core.Policies;
using Xunit.Abstractions;

namespace Governance.Core.Tests.Onboarding;

/// <summary>
/// Runs every corpus contract through extraction and the clause analyzer (default profile) and compares each
/// rule's status with the expectations. Reports, per rule and language, precision and recall of "present"
/// (satisfied) and of "absent" (missing, negated or insufficient), plus exact-status accuracy, for the seen and
/// the held-out part separately. The thresholds are asserted on the seen part and (lower) on the held-out part.
/// </summary>
public sealed class CorpusAccuracyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Seen part: the cues were tuned on it, so anything below near-perfect is a regression.
    /// Held-out: written after tuning; the bar is the published state of the art (Amaral et al. 2023:
    /// 89 % precision, 82 % recall on DPA completeness), rounded down, over all rules of a language. The first
    /// held-out set prompted general fixes after it was measured, so it is no longer blind.
    /// Second held-out set (written after the fixes the first one prompted, measured once): a smoke alarm set
    /// before measuring, allowing for its size (about 30 rule instances per language) and for negation
    /// detection, where the best published span model reaches F1 0.36 (ContractNLI).
    /// </summary>
    private const double SeenMinimum = 0.95;
    private const double HeldOutMinimum = 0.80;
    private const double SecondHeldOutMinimum = 0.60;

    /// <summary>
    /// Third held-out set (16 whole contracts per language in real-world styles, written before the engine was
    /// reworked): its blind baseline (lowest of the four figures: 58 % English, 59 % Chinese) is recorded in
    /// Corpus/heldout3-notes.md. The rework of library version 2026.2 was driven by its mismatches, so it is no longer
    /// blind (98 % and 100 % after the rework); the floor guards that rework against regression.
    /// </summary>
    private const double ThirdHeldOutMinimum = 0.90;

    /// <summary>The lowest precision or recall (present and absent, over all rules of a language) each split must reach.</summary>
    private static readonly Dictionary<string, double> Minimums = new()
    {
        ["seen"] = SeenMinimum,
        ["heldout"] = HeldOutMinimum,
        ["heldout2"] = SecondHeldOutMinimum,
        ["heldout3"] = ThirdHeldOutMinimum,
    };

    private static readonly PolicyProfile Profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");

    [Fact]
    public void The_corpus_has_at_least_twelve_contracts_per_language_in_every_format()
    {
        var spec = CorpusFiles.Spec();
        foreach (var language in new[] { "en", "zh" })
        {
            var contracts = spec.Contracts.Where(c => c.Language == language).ToList();
            Assert.True(contracts.Count >= 12, $"{language}: {contracts.Count} contracts");
            Assert.All(new[] { "pdf", "docx", "txt", "md" }, f => Assert.Contains(contracts, c => c.Format == f));
            Assert.All(contracts, c => Assert.Equal(spec.Rules.OrderBy(r => r, StringComparer.Ordinal), c.Expected.Keys.OrderBy(r => r, StringComparer.Ordinal)));
        }
    }

    [Fact]
    public void Clause_detection_meets_the_thresholds_on_the_seen_and_held_out_corpus()
    {
        var spec = CorpusFiles.Spec();
        var results = spec.Contracts.Select(c => (Contract: c, Actual: Analyze(c))).ToList();
        foreach (var (contract, actual) in results)
        {
            foreach (var rule in spec.Rules.Where(r => actual[r] != contract.Expected[r]))
            {
                output.WriteLine($"MISMATCH {contract.Split} {contract.FileName} {rule}: expected {contract.Expected[rule]}, got {actual[rule]}");
            }
        }

        var report = new StringBuilder();
        var summary = new Dictionary<(string Split, string Language), Scores>();
        var splits = spec.Contracts.Select(c => c.Split).Distinct().ToList();
        Assert.All(splits, split => Assert.True(Minimums.ContainsKey(split), $"split {split} has no threshold"));
        foreach (var split in splits)
        {
            foreach (var language in new[] { "en", "zh" })
            {
                var part = results.Where(r => r.Contract.Split == split && r.Contract.Language == language).ToList();
                if (part.Count == 0)
                {
                    continue;
                }

                report.AppendLine(CultureInfo.InvariantCulture, $"{split} / {language}: {part.Count} contracts");
                report.AppendLine("rule                   present P  present R  absent P  absent R  exact");
                foreach (var rule in spec.Rules)
                {
                    var s = Scores.Of(part.Select(r => (r.Contract.Expected[rule], r.Actual[rule])));
                    report.AppendLine(CultureInfo.InvariantCulture, $"{rule,-22} {s}");
                }

                var all = Scores.Of(part.SelectMany(r => spec.Rules.Select(rule => (r.Contract.Expected[rule], r.Actual[rule]))));
                summary[(split, language)] = all;
                report.AppendLine(CultureInfo.InvariantCulture, $"{"ALL",-22} {all}");
                report.AppendLine();
            }
        }

        output.WriteLine(report.ToString());
        foreach (var ((split, language), s) in summary)
        {
            var minimum = Minimums[split];
            Assert.True(s.Minimum >= minimum, $"{split}/{language}: lowest of precision/recall {s.Minimum:P0} < {minimum:P0}");
        }
    }

    private static Dictionary<string, string> Analyze(CorpusContract contract)
    {
        var extraction = ContractTextExtractor.Extract(CorpusFiles.Read(contract.FileName), contract.FileName, ContractExtractionLimits.Default);
        Assert.True(extraction.Succeeded, $"{contract.FileName}: {extraction.Failure?.Reason}");
        var analysis = ClauseAnalyzer.Analyze(extraction.Document!, Profile.Onboarding.ClauseLibrary);
        return analysis.Findings.ToDictionary(f => f.RuleId, f => Status(f.Status));
    }

    private static string Status(FindingStatus status) => status switch
    {
        FindingStatus.Satisfied => "satisfied",
        FindingStatus.Negated => "negated",
        FindingStatus.Insufficient => "insufficient",
        _ => "missing",
    };

    private sealed record Scores(double PresentPrecision, double PresentRecall, double AbsentPrecision, double AbsentRecall, double Exact, int Count)
    {
        public double Minimum => new[] { PresentPrecision, PresentRecall, AbsentPrecision, AbsentRecall }.Min();

        public static Scores Of(IEnumerable<(string Expected, string Actual)> pairs)
        {
            var list = pairs.ToList();
            int tp = 0, fp = 0, fn = 0, tn = 0, exact = 0;
            foreach (var (expected, actual) in list)
            {
                var e = expected == "satisfied";
                var a = actual == "satisfied";
                if (e && a) tp++;
                else if (!e && a) fp++;
                else if (e && !a) fn++;
                else tn++;
                if (expected == actual) exact++;
            }

            return new Scores(Ratio(tp, tp + fp), Ratio(tp, tp + fn), Ratio(tn, tn + fn), Ratio(tn, tn + fp), Ratio(exact, list.Count), list.Count);
        }

        private static double Ratio(int a, int b) => b == 0 ? 1 : (double)a / b;

        public override string ToString()
            => string.Create(CultureInfo.InvariantCulture, $"{PresentPrecision,9:P0} {PresentRecall,10:P0} {AbsentPrecision,9:P0} {AbsentRecall,9:P0} {Exact,6:P0}");
    }
}
