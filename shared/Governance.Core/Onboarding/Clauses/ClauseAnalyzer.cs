using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>The clause findings of one contract, and the text of its scope for the declaration checks.</summary>
public sealed record ClauseAnalysis(IReadOnlyList<ClauseFinding> Findings, ClauseScope Scope);

/// <summary>
/// Checks a contract against a clause library, sentence by sentence, in English and Chinese. For each rule,
/// a sentence addresses it when one of the rule's topic cue sets matches the sentence (its heading may only
/// complete a sentence that already carries the rule's main cue, so a decoy heading never makes a clause
/// count). Each such sentence is typed by <see cref="ClauseEvaluator"/>; the rule's finding is its strongest evidence
/// (<see cref="Evaluation.Rank"/>); no such sentence means <c>missing</c>. Sentences are read as
/// <see cref="DocumentContext"/> prepares them (defined party names, list items after their lead-in, table rows).
/// Pure: no I/O, no clock.
/// </summary>
public static class ClauseAnalyzer
{
    private const int QuoteLimit = 600;

    public static ClauseAnalysis Analyze(ContractDocument document, ClauseLibrary library)
    {
        var compiled = CompiledLibrary.For(library);
        var context = new DocumentContext(document, library);
        var clauses = context.Clauses;
        var findings = new List<ClauseFinding>();
        var scopeClauses = new List<ContractClause>();
        foreach (var rule in compiled.Rules)
        {
            Candidate? best = null;
            for (var c = 0; c < clauses.Count; c++)
            {
                var prepared = context.Sentences[c];
                for (var s = 0; s < prepared.Length; s++)
                {
                    if (!Addresses(rule, prepared[s], context.Headings[c]))
                    {
                        continue;
                    }

                    if (rule.Rule.Id == ScopeRuleId && !scopeClauses.Contains(clauses[c]))
                    {
                        scopeClauses.Add(clauses[c]);
                    }

                    var (clause, sentence) = (c, s);
                    var evaluation = ClauseEvaluator.Evaluate(rule, prepared, s, () => context.Referenced(clause, sentence));
                    if (best is null || evaluation.Rank < best.Evaluation.Rank)
                    {
                        best = new Candidate(evaluation, clauses[c], s);
                    }
                }
            }

            findings.Add(ToFinding(rule.Rule, best, document));
        }

        return new ClauseAnalysis(findings, ClauseScope.From(scopeClauses, clauses));
    }

    public const string ScopeRuleId = "scope";

    private static bool Addresses(CompiledRule rule, string sentence, string? heading)
    {
        if (sentence.Length == 0)
        {
            return false;
        }

        foreach (var topic in rule.Topics)
        {
            if (topic.IsMatch(sentence))
            {
                return true;
            }

            // A heading may complete a sentence that already carries the topic's main cue ("Incident notification:
            // the Developer shall inform the Platform within 24 hours"), never stand in for it.
            if (heading is not null && topic.LeadMatches(sentence) && topic.IsMatch(heading + " . " + sentence))
            {
                return true;
            }
        }

        return false;
    }

    private static ClauseFinding ToFinding(ClauseRule rule, Candidate? best, ContractDocument document)
    {
        if (best is null)
        {
            return new ClauseFinding(rule.Id, null, rule.Title, rule.Severity, FindingStatus.Missing, null, rule.Citation,
                new LocalizedText($"No clause of the contract addresses this requirement: {rule.Title.En}.", $"合同中没有条款约定：{rule.Title.Zh}。"));
        }

        var status = best.Evaluation.Status;
        var message = status switch
        {
            FindingStatus.Negated => new LocalizedText("The clause excludes this obligation instead of imposing it.", "该条款排除了这项义务，而不是约定这项义务。"),
            FindingStatus.Insufficient => best.Evaluation.Failure!,
            _ => new LocalizedText("The contract contains a clause that meets this requirement.", "合同中有满足该要求的条款。"),
        };
        return new ClauseFinding(rule.Id, best.Clause.Number, rule.Title, rule.Severity, status, Evidence(best, document), rule.Citation, message);
    }

    /// <summary>The whole clause when it is short enough, else the sentence and what follows it in the clause.</summary>
    private static FindingEvidence Evidence(Candidate best, ContractDocument document)
    {
        var clause = best.Clause;
        if (clause.Text.Length <= QuoteLimit)
        {
            return new FindingEvidence(clause.Text, document.LocationAt(clause.Offset));
        }

        var sentence = clause.Sentences[best.Sentence];
        var start = sentence.Offset - clause.Offset;
        var length = Math.Min(QuoteLimit, clause.Text.Length - start);
        return new FindingEvidence(clause.Text.Substring(start, length), document.LocationAt(sentence.Offset));
    }

    private sealed record Candidate(Evaluation Evaluation, ContractClause Clause, int Sentence);
}
