using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>The clause findings of one contract, and the text of its scope for the declaration checks.</summary>
public sealed record ClauseAnalysis(IReadOnlyList<ClauseFinding> Findings, ClauseScope Scope);

/// <summary>
/// Checks a contract against a clause library, sentence by sentence, in English and Chinese. For each rule,
/// a sentence addresses it when one of the rule's topic cue sets matches the sentence (its heading may only
/// complete a sentence that already carries the rule's main cue, so a decoy heading never makes a clause
/// count). Each such sentence is then typed: <c>negated</c> when a duty-excluding phrase governs the rule's
/// cues (and does not merely exclude the platform's own duty), <c>insufficient</c> when a requirement fails
/// (read over the sentence and the rest of its clause), else <c>satisfied</c>. The rule's finding is its
/// strongest evidence, negated before satisfied before insufficient; no such sentence means <c>missing</c>.
/// Pure: no I/O, no clock.
/// </summary>
public static class ClauseAnalyzer
{
    private const int QuoteLimit = 600;
    private const int WindowSentences = 3;

    public static ClauseAnalysis Analyze(ContractDocument document, ClauseLibrary library)
    {
        var compiled = CompiledLibrary.For(library);
        var clauses = ClauseSegmenter.Segment(document);
        var parties = new PartyResolver(library.Parties, document.Text);
        var prepared = clauses.Select(c => c.Sentences.Select(s => parties.Prepare(s.Text)).ToArray()).ToArray();
        var headings = clauses.Select(c => c.Heading is null ? null : parties.Prepare(c.Heading)).ToArray();
        var findings = new List<ClauseFinding>();
        var scopeClauses = new List<ContractClause>();
        foreach (var rule in compiled.Rules)
        {
            Candidate? best = null;
            for (var c = 0; c < clauses.Count; c++)
            {
                for (var s = 0; s < prepared[c].Length; s++)
                {
                    if (!Addresses(rule, prepared[c][s], headings[c]))
                    {
                        continue;
                    }

                    if (rule.Rule.Id == ScopeRuleId && !scopeClauses.Contains(clauses[c]))
                    {
                        scopeClauses.Add(clauses[c]);
                    }

                    var candidate = Evaluate(rule, clauses[c], prepared[c], s);
                    if (best is null || Rank(candidate.Status) < Rank(best.Status))
                    {
                        best = candidate;
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

    private static Candidate Evaluate(CompiledRule rule, ContractClause clause, string[] prepared, int index)
    {
        var sentence = prepared[index];
        var window = string.Join(" ", prepared.Skip(index).Take(WindowSentences));
        if (IsNegated(rule, sentence))
        {
            return new Candidate(FindingStatus.Negated, clause, index, null);
        }

        foreach (var (requirement, cues) in rule.Requirements)
        {
            var failure = RequirementCheck.Fails(requirement, cues, sentence, window);
            if (failure is not null)
            {
                return new Candidate(FindingStatus.Insufficient, clause, index, failure);
            }
        }

        return new Candidate(FindingStatus.Satisfied, clause, index, null);
    }

    private static bool IsNegated(CompiledRule rule, string sentence)
    {
        foreach (var (start, end) in Negation.Find(sentence))
        {
            var scope = sentence[start..Math.Min(sentence.Length, end + 80)];
            if (!rule.TopicGroups.Any(g => g.IsMatch(scope)))
            {
                continue;
            }

            if (ExcludesOnlyOthers(rule, sentence[..start]))
            {
                continue;
            }

            return true;
        }

        return rule.Negations.Any(n => n.IsMatch(sentence) && !ExcludesOnlyOthers(rule, sentence[..Math.Max(0, n.AnchorIn(sentence))]));
    }

    /// <summary>An exclusion whose subject is the platform ("the Platform is not liable") or users leaves the third party's duty intact.</summary>
    private static bool ExcludesOnlyOthers(CompiledRule rule, string before)
    {
        var subject = ObligatedParty.LastToken(before);
        return subject == PartyResolver.Users || (subject == PartyResolver.Platform && !rule.IsPlatformRight);
    }

    private static int Rank(FindingStatus status) => status switch
    {
        FindingStatus.Negated => 0,
        FindingStatus.Satisfied => 1,
        _ => 2,
    };

    private static ClauseFinding ToFinding(ClauseRule rule, Candidate? best, ContractDocument document)
    {
        if (best is null)
        {
            return new ClauseFinding(rule.Id, null, rule.Title, rule.Severity, FindingStatus.Missing, null, rule.Citation,
                new LocalizedText($"No clause of the contract addresses this requirement: {rule.Title.En}.", $"合同中没有条款约定：{rule.Title.Zh}。"));
        }

        var message = best.Status switch
        {
            FindingStatus.Negated => new LocalizedText("The clause excludes this obligation instead of imposing it.", "该条款排除了这项义务，而不是约定这项义务。"),
            FindingStatus.Insufficient => best.Failure!,
            _ => new LocalizedText("The contract contains a clause that meets this requirement.", "合同中有满足该要求的条款。"),
        };
        return new ClauseFinding(rule.Id, best.Clause.Number, rule.Title, rule.Severity, best.Status, Evidence(best, document), rule.Citation, message);
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

    private sealed record Candidate(FindingStatus Status, ContractClause Clause, int Sentence, LocalizedText? Failure);
}
