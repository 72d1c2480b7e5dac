using System.Globalization;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// What a requirement is checked against: the prepared sentence, the part of it that carries the rule (<c>Local</c>),
/// the sentence with the rest of its clause (<c>Window</c>), and the definitions and clauses it refers to.
/// </summary>
internal sealed record RequirementText(string Sentence, string Local, string Window, Lazy<string> Referenced)
{
    /// <summary>The periods of the part that carries the rule, else of its window, each with what the text refers to.</summary>
    public IReadOnlyList<double> Periods()
    {
        foreach (var text in new[] { Local, Local + " " + Referenced.Value, Window, Window + " " + Referenced.Value })
        {
            var found = Durations.InHours(text);
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }
}

/// <summary>Whether a sentence (and the rest of its clause, the window) meets one requirement of a rule.</summary>
internal static partial class RequirementCheck
{
    /// <summary>The message of the failed requirement, or null when it holds.</summary>
    /// <remarks>
    /// Qualifiers (a time limit, a period, required wording) may also be met by what the text refers to ("within the
    /// Notice Period", "for the period set out in Article 11").
    /// </remarks>
    public static LocalizedText? Fails(ClauseRequirement requirement, IReadOnlyList<CompiledCueSet> cues, RequirementText text)
    {
        var (sentence, window) = (text.Sentence, text.Window);
        switch (requirement.Kind)
        {
            case RequirementKind.ObligatedParty:
                var subject = ObligatedParty.Of(sentence);
                var wrong = requirement.Party == ContractParty.ThirdParty
                    ? subject is ObligatedParty.Subject.Platform or ObligatedParty.Subject.Users && !AlsoBindsThirdParty().IsMatch(sentence)
                    : subject is ObligatedParty.Subject.ThirdParty or ObligatedParty.Subject.Users;
                return wrong ? requirement.Message : null;
            case RequirementKind.NamesParty:
                return NamesParty(requirement, sentence, window) ? null : requirement.Message;
            case RequirementKind.TimeLimit:
                var hours = text.Periods();
                if (hours.Count == 0)
                {
                    return requirement.Message;
                }

                var shortest = hours.Min();
                return shortest <= requirement.MaxHours!.Value
                    ? null
                    : Detail(requirement.Message, $"The clause allows {Format(shortest)} hours; at most {requirement.MaxHours} are accepted.", $"条款约定的时限为{Format(shortest)}小时，上限为{requirement.MaxHours}小时。");
            case RequirementKind.MinimumPeriod:
                var periods = text.Periods();
                if (periods.Count == 0)
                {
                    return requirement.Message;
                }

                var years = periods.Max() / Durations.HoursPerYear;
                return years >= requirement.MinYears!.Value * 0.99
                    ? null
                    : Detail(requirement.Message, $"The clause keeps them for {Format(years)} years; at least {requirement.MinYears} are required.", $"条款约定保存{Format(years)}年，至少应为{requirement.MinYears}年。");
            case RequirementKind.Cues:
                return cues.Any(c => c.IsMatch(window)) || cues.Any(c => c.IsMatch(text.Referenced.Value)) ? null : requirement.Message;
            case RequirementKind.ForbiddenCues:
                foreach (var set in cues)
                {
                    var at = set.AnchorIn(sentence);
                    if (at >= 0 && !Negation.IsPrecededByNegation(sentence, at))
                    {
                        return requirement.Message;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the clause names the party other than as its own subject ("the Platform may notify users" names no
    /// recipient). For the platform, "the other party" counts when the clause binds the third party or both
    /// ("each Party shall inform the other Party", "each Party may audit the other Party").
    /// </summary>
    private static bool NamesParty(ClauseRequirement requirement, string sentence, string window)
    {
        var (subject, subjectAt) = ObligatedParty.Find(sentence);
        var token = Token(requirement.Party);
        var actor = requirement.Role == "actor";
        var rest = subjectAt >= 0 && !actor && sentence.AsSpan(subjectAt).StartsWith(token) ? window.Remove(subjectAt, token.Length) : window;
        if (rest.Contains(token, StringComparison.Ordinal))
        {
            return true;
        }

        if (requirement.Party != ContractParty.Platform)
        {
            return false;
        }

        return subject is not (ObligatedParty.Subject.Platform or ObligatedParty.Subject.Users) && window.Contains(PartyResolver.OtherParty, StringComparison.Ordinal);
    }

    /// <summary>A second, gapped clause that binds the third party: "the Company is responsible for X, and the Service Provider for Y".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[,;，；]\s*(?:and|while|whereas|而|并且|并|以及)?\s*(?:the\s+)?§T§\s*(?:for|对)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AlsoBindsThirdParty();

    private static string Token(ContractParty? party) => party switch
    {
        ContractParty.Platform => PartyResolver.Platform,
        ContractParty.ThirdParty => PartyResolver.ThirdParty,
        _ => PartyResolver.Users,
    };

    private static LocalizedText Detail(LocalizedText message, string en, string zh) => new($"{message.En} {en}", $"{message.Zh}{zh}");

    private static string Format(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
