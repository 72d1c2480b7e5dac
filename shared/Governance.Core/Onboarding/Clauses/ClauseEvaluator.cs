namespace Governance.Core.Onboarding.Clauses;

/// <summary>How one sentence that addresses a rule fares: its status, whether an exclusion covers only part of the duty, and why it fails.</summary>
internal sealed record Evaluation(FindingStatus Status, bool Partial, LocalizedText? Failure)
{
    /// <summary>
    /// Which evidence decides a rule: an exclusion of the whole duty, then a clause that meets it, then an exclusion of
    /// part of it (which leaves a duty imposed elsewhere standing), then a hollow clause.
    /// </summary>
    public int Rank => Status switch
    {
        FindingStatus.Negated when !Partial => 0,
        FindingStatus.Satisfied => 1,
        FindingStatus.Negated => 2,
        _ => 3,
    };
}

/// <summary>
/// Types one sentence that addresses a rule: <c>negated</c> when a duty-excluding phrase governs the rule's cues (and
/// does not merely exclude the platform's or the users' own duty), <c>insufficient</c> when a requirement fails (read
/// over the sentence and the rest of its clause, then over the definitions and clauses it refers to), else
/// <c>satisfied</c>.
/// </summary>
internal static class ClauseEvaluator
{
    private const int WindowSentences = 3;

    public static Evaluation Evaluate(CompiledRule rule, string[] prepared, int index, Func<string> referenced)
    {
        var sentence = prepared[index];
        var window = string.Join(" ", prepared.Skip(index).Take(WindowSentences));
        if (Negated(rule, sentence) is { } negation)
        {
            if (negation.CarveOutAt < 0)
            {
                return new Evaluation(FindingStatus.Negated, negation.Partial, null);
            }

            // "…对其自身系统的安全负责，但对…不承担责任": the sentence imposes the duty before the carve-out.
            window = sentence[..negation.CarveOutAt] + window[sentence.Length..];
            sentence = sentence[..negation.CarveOutAt];
        }

        var text = new RequirementText(sentence, Local(rule, sentence), window, new Lazy<string>(referenced));
        foreach (var (requirement, cues) in rule.Requirements)
        {
            var failure = RequirementCheck.Fails(requirement, cues, text);
            if (failure is not null)
            {
                return new Evaluation(FindingStatus.Insufficient, false, failure);
            }
        }

        return new Evaluation(FindingStatus.Satisfied, false, null);
    }

    /// <summary>
    /// The part of the sentence that carries the rule: from the enumeration mark or semicolon before the topic's main
    /// cue to the next one ("(c) notify the Company of each Incident within the Notice Period, and (d) keep records for
    /// three years" → the "(c)" part), so a period written for another obligation of the same sentence is not taken.
    /// </summary>
    private static string Local(CompiledRule rule, string sentence)
    {
        var anchors = rule.Topics.Select(t => t.AnchorIn(sentence)).Where(a => a >= 0).ToList();
        if (anchors.Count == 0)
        {
            return sentence;
        }

        var anchor = anchors.Min();
        var from = 0;
        var to = sentence.Length;
        foreach (var boundary in Negation.EnumerationBoundaries(sentence))
        {
            if (boundary <= anchor)
            {
                from = boundary;
            }
            else
            {
                to = boundary;
                break;
            }
        }

        return sentence[from..to];
    }

    /// <summary>Null when the sentence excludes nothing of the rule; else whether the exclusion is partial and where a carve-out starts.</summary>
    private static (bool Partial, int CarveOutAt)? Negated(CompiledRule rule, string sentence)
    {
        foreach (var (start, end) in Negation.Find(sentence))
        {
            var scope = sentence[start..Math.Min(sentence.Length, end + 80)];
            if (!rule.TopicGroups.Any(g => g.IsMatch(scope)) || ExcludesOnlyOthers(rule, sentence[..start]))
            {
                continue;
            }

            return Negation.Restriction(sentence, start, end, before => Imposes(rule, before));
        }

        foreach (var negation in rule.Negations)
        {
            var at = negation.AnchorIn(sentence);
            if (at >= 0 && negation.IsMatch(sentence) && !ExcludesOnlyOthers(rule, sentence[..at]))
            {
                return Negation.Restriction(sentence, at, at, before => Imposes(rule, before));
            }
        }

        return null;
    }

    /// <summary>Whether a text addresses the rule without excluding anything.</summary>
    private static bool Imposes(CompiledRule rule, string text) => rule.Topics.Any(t => t.IsMatch(text)) && !Negation.Find(text).Any();

    /// <summary>An exclusion whose subject is the platform ("the Platform is not liable") or users leaves the third party's duty intact.</summary>
    private static bool ExcludesOnlyOthers(CompiledRule rule, string before)
    {
        var subject = ObligatedParty.LastToken(before);
        return subject == PartyResolver.Users || (subject == PartyResolver.Platform && !rule.IsPlatformRight);
    }
}
