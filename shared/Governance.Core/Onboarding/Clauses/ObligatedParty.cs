using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// Which party a prepared sentence binds: the subject of its first verb of obligation (modal), read as the last
/// party named before the modal that is not the object of a preposition ("to the Platform", "对用户", "向甲方"),
/// or the agent of a passive ("shall be reported by the Partner"); "each party", 双方 or 任何一方 bind both. A
/// sentence without a modal is read by its first party that is no object (Chinese puts the subject first).
/// </summary>
internal static partial class ObligatedParty
{
    public enum Subject
    {
        Unknown,
        Platform,
        ThirdParty,
        Users,
        Both,
    }

    public static Subject Of(string prepared) => Find(prepared).Subject;

    /// <summary>
    /// The subject and where its token is (-1 when none). A right ("may", "has the right", "有权") held by the
    /// platform binds the other party, so it reads as unknown rather than as an obligation of the platform.
    /// </summary>
    public static (Subject Subject, int TokenIndex) Find(string prepared)
    {
        // A leading condition ("Where the Platform compensates users, …", "…导致平台承担责任的，…") is not where the
        // subject is, when the main clause after it has a verb of obligation or a party of its own.
        var condition = Condition().Match(prepared);
        if (condition.Success && (Modal().IsMatch(prepared, condition.Length) || Token().IsMatch(prepared, condition.Length)))
        {
            var (subject, index) = FindIn(prepared[condition.Length..]);
            return (subject, index < 0 ? -1 : index + condition.Length);
        }

        return FindIn(prepared);
    }

    private static (Subject Subject, int TokenIndex) FindIn(string prepared)
    {
        var modal = Modal().Match(prepared);
        var head = prepared[..(modal.Success ? modal.Index : prepared.Length)];
        if (BothParties().IsMatch(head))
        {
            return (Subject.Both, -1);
        }

        if (modal.Success)
        {
            var passive = PassiveAgent().Match(prepared, modal.Index + modal.Length);
            if (passive.Success && passive.Index - modal.Index - modal.Length < 40)
            {
                return (FromToken(passive.Groups["t"].Value), passive.Groups["t"].Index);
            }
        }

        var (token, index) = modal.Success ? LastSubjectToken(head) : FirstSubjectToken(head);
        if (token is null)
        {
            return (Subject.Unknown, -1);
        }

        var subject = FromToken(token);
        return subject == Subject.Platform && modal.Success && RightModal().IsMatch(modal.Value) ? (Subject.Unknown, index) : (subject, index);
    }

    /// <summary>Whether the sentence has a verb of obligation with a party before it (a list item "(b) notify the Platform" has neither).</summary>
    public static bool HasSubjectAndModal(string prepared)
    {
        var modal = Modal().Match(prepared);
        return modal.Success && (LastSubjectToken(prepared[..modal.Index]).Token is not null || BothParties().IsMatch(prepared[..modal.Index]));
    }

    /// <summary>The last party token in <paramref name="text"/>, or null.</summary>
    public static string? LastToken(string text) => LastSubjectToken(text).Token;

    /// <summary>The last party token that is not the object of a preposition ("to the Platform", "对用户", "向甲方").</summary>
    private static (string? Token, int Index) LastSubjectToken(string text)
    {
        var best = -1;
        string? token = null;
        foreach (Match m in Token().Matches(text))
        {
            if (!IsObject(text, m.Index))
            {
                best = m.Index;
                token = m.Value;
            }
        }

        return (token, best);
    }

    private static (string? Token, int Index) FirstSubjectToken(string text)
    {
        foreach (Match m in Token().Matches(text))
        {
            if (!IsObject(text, m.Index))
            {
                return (m.Value, m.Index);
            }
        }

        return (null, -1);
    }

    private static bool IsObject(string text, int index) => ObjectMarker().IsMatch(text[Math.Max(0, index - 12)..index]);

    private static Subject FromToken(string token) => token switch
    {
        PartyResolver.Platform => Subject.Platform,
        PartyResolver.ThirdParty => Subject.ThirdParty,
        _ => Subject.Users,
    };

    [GeneratedRegex(@"^\s*(?:(?:if|where|when|whenever|should|in\s+the\s+event\s+(?:that|of)|to\s+the\s+extent\s+that)\b[^,;]{1,200},|[^，,;。]{1,80}?的\s*[，,]|(?:如|若|如果|凡)[^，,;。]{1,60}[，,])", RegexOptions.CultureInvariant)]
    private static partial Regex Condition();

    [GeneratedRegex(@"\b(?:shall|must|will|agrees?\s+to|undertakes?\s+to|is\s+responsible|are\s+responsible|is\s+required|are\s+required|is\s+obliged|are\s+obliged|shall_not|is\s+liable|are\s+liable|is\s+accountable|are\s+accountable|is\s+answerable|bears?|may|can|has\s+the\s+right|is\s+entitled|is\s+to)\b|应当|应|须|必须|负责|负有|承诺|保证|有义务|承担|不得|将|有权|可以|仅可|只可|仅能|只能|方可|不可|不能", RegexOptions.CultureInvariant)]
    private static partial Regex Modal();

    [GeneratedRegex(@"\G\s*(?:be|been|is|are)?\s*(?:[a-z]+ed|given|made|kept|done|sent)\s+by\s+(?:the\s+)?(?<t>§[PTU]§)|\G\s*由\s*(?<t>§[PTU]§)", RegexOptions.CultureInvariant)]
    private static partial Regex PassiveAgent();

    [GeneratedRegex(@"§[PTU]§", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"(?:\b(?:to|for|towards|with|against|from|of|by)\s+(?:the\s+|any\s+|all\s+|affected\s+)?|[对向给与和在]\s*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectMarker();

    [GeneratedRegex(@"^(?:may|can|has\s+the\s+right|is\s+entitled|有权|可以)$", RegexOptions.CultureInvariant)]
    private static partial Regex RightModal();

    [GeneratedRegex(@"\beach\s+(?:of\s+the\s+)?part(?:y|ies)\b|\bboth\s+parties\b|\bthe\s+parties\b|\b(?:either|neither)\s+(?:of\s+the\s+)?part(?:y|ies)\b|^\s*a\s+party\b|双方|各方|任何一方|任一方|^\s*一方", RegexOptions.CultureInvariant)]
    private static partial Regex BothParties();
}
