using System.Globalization;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>Whether a sentence (and the rest of its clause, the window) meets one requirement of a rule.</summary>
internal static class RequirementCheck
{
    /// <summary>The message of the failed requirement, or null when it holds.</summary>
    public static LocalizedText? Fails(ClauseRequirement requirement, IReadOnlyList<CompiledCueSet> cues, string sentence, string window)
    {
        switch (requirement.Kind)
        {
            case RequirementKind.ObligatedParty:
                var subject = ObligatedParty.Of(sentence);
                var wrong = requirement.Party == ContractParty.ThirdParty
                    ? subject is ObligatedParty.Subject.Platform or ObligatedParty.Subject.Users
                    : subject is ObligatedParty.Subject.ThirdParty or ObligatedParty.Subject.Users;
                return wrong ? requirement.Message : null;
            case RequirementKind.NamesParty:
                // The party must be named other than as the clause's own subject ("the Platform may notify users" names no recipient).
                var (_, subjectAt) = ObligatedParty.Find(sentence);
                var token = Token(requirement.Party);
                var rest = subjectAt >= 0 && requirement.Role != "actor" && sentence.AsSpan(subjectAt).StartsWith(token) ? window.Remove(subjectAt, token.Length) : window;
                return rest.Contains(token, StringComparison.Ordinal) ? null : requirement.Message;
            case RequirementKind.TimeLimit:
                var hours = Durations.InHours(window);
                if (hours.Count == 0)
                {
                    return requirement.Message;
                }

                var shortest = hours.Min();
                return shortest <= requirement.MaxHours!.Value
                    ? null
                    : Detail(requirement.Message, $"The clause allows {Format(shortest)} hours; at most {requirement.MaxHours} are accepted.", $"条款约定的时限为{Format(shortest)}小时，上限为{requirement.MaxHours}小时。");
            case RequirementKind.MinimumPeriod:
                var periods = Durations.InHours(window);
                if (periods.Count == 0)
                {
                    return requirement.Message;
                }

                var years = periods.Max() / Durations.HoursPerYear;
                return years >= requirement.MinYears!.Value * 0.99
                    ? null
                    : Detail(requirement.Message, $"The clause keeps them for {Format(years)} years; at least {requirement.MinYears} are required.", $"条款约定保存{Format(years)}年，至少应为{requirement.MinYears}年。");
            case RequirementKind.Cues:
                return cues.Any(c => c.IsMatch(window)) ? null : requirement.Message;
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

    private static string Token(ContractParty? party) => party switch
    {
        ContractParty.Platform => PartyResolver.Platform,
        ContractParty.ThirdParty => PartyResolver.ThirdParty,
        _ => PartyResolver.Users,
    };

    private static LocalizedText Detail(LocalizedText message, string en, string zh) => new($"{message.En} {en}", $"{message.Zh}{zh}");

    private static string Format(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
