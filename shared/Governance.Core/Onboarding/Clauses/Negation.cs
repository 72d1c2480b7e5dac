using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// Phrasings that exclude a duty rather than impose it ("shall not be required to notify", "is not liable",
/// "nothing in this Agreement obliges", "无需通知", "不承担任何责任", "不负责"), matched on prepared text (see
/// <see cref="PartyResolver"/>). A plain prohibition ("shall not share", "不得提供") is not one: it is how many
/// duties are written. Exceptions ("except where required by law") do not negate; a duty-excluding phrase after
/// an exception ("except as otherwise agreed, … shall not be obliged to …") does. A phrase itself negated
/// ("不因此免除", "does not relieve") is no exclusion. An exclusion may cover only part of a duty
/// (<see cref="Restriction"/>), which leaves a duty imposed elsewhere standing.
/// </summary>
internal static partial class Negation
{
    /// <summary>Duty-excluding phrases in <paramref name="prepared"/>, as (start, end).</summary>
    public static IEnumerable<(int Start, int End)> Find(string prepared)
    {
        foreach (Match m in Phrase().Matches(prepared))
        {
            var before = prepared[Math.Max(0, m.Index - 4)..m.Index];
            if (m.Value.StartsWith('免') && (before.EndsWith('不') || before.EndsWith("不得", StringComparison.Ordinal) || before.EndsWith("不能", StringComparison.Ordinal) || before.EndsWith("并不", StringComparison.Ordinal)))
            {
                continue;
            }

            yield return (m.Index, m.Index + m.Length);
        }
    }

    /// <summary>
    /// Whether the exclusion at <paramref name="start"/>..<paramref name="end"/> covers only part of the duty: its object is
    /// narrowed by a negative description ("of port scans that do not result in access", "就未造成信息泄露的系统故障",
    /// "other than"), or it is a carve-out after a contrast ("…负责，但对…不承担责任", "…, but not for …") from a duty that
    /// the part before the contrast imposes (<paramref name="imposedBefore"/> says whether a text imposes it); then
    /// <c>CarveOutAt</c> is where the contrast starts, and the part before it is what the sentence says about the duty.
    /// </summary>
    public static (bool Partial, int CarveOutAt) Restriction(string prepared, int start, int end, Func<string, bool> imposedBefore)
    {
        var contrast = Contrast().Matches(prepared[..start]).LastOrDefault();
        if (contrast is not null && imposedBefore(prepared[..contrast.Index]))
        {
            return (true, contrast.Index);
        }

        var scope = prepared[end..Math.Min(prepared.Length, end + 120)];
        return (NarrowedObject().IsMatch(scope), -1);
    }

    /// <summary>Where the parts of an enumerated sentence start: at "(a)", "(2)", "（三）" marks and after semicolons.</summary>
    public static IEnumerable<int> EnumerationBoundaries(string prepared) => Enumeration().Matches(prepared).Select(m => m.Index);

    /// <summary>Words just before <paramref name="index"/> that negate what follows ("not for any other purpose", "不得用于任何目的").</summary>
    public static bool IsPrecededByNegation(string prepared, int index)
        => NegatorBefore().IsMatch(prepared[Math.Max(0, index - 30)..index]);

    [GeneratedRegex(
        @"\b(?:shall_not|is\s+not|are\s+not|isn't|aren't|not)\s+(?:be\s+)?(?:required|obliged|obligated|bound|responsible|liable|compelled|expected|subject\s+to\s+any)\b"
        + @"|\bno\s+(?:obligation|duty|liability|responsibility|requirement|right)\b|\bunder\s+no\s+(?:obligation|duty)\b"
        + @"|\bneed\s+not\b|\bnot\s+need\s+to\b|\b(?:does|do)\s+not\s+(?:need|have)\s+to\b|\bnot\s+have\s+to\b|\bnot\s+(?:be\s+)?entitled\s+to\b|\b(?:not|shall_not)\s+have\s+(?:the|any)\s+right\b"
        + @"|\bnothing\s+in\s+.{0,60}?\b(?:oblig|requir|compel|bind)\w*|\bnothing\s+in\s+.{0,60}?\b(?:restrict|prevent|prohibit|preclude)\w*\s.{0,60}?\bfrom\b"
        + @"|\b(?:disclaims?|waives?)\b|\b(?:exempt(?:ed)?|released?|relieved?)\s+from\b"
        + @"|无需|无须|不需要|不需|不必|不承担|不负责|不负有|概不负责|免除|免责|没有义务|无义务|不负任何|无权|不予|不接受|拒绝接受|不受[^，,。;]{0,10}(?:约束|限制)|不负[^，,。;]{0,12}义务|不对[^，,。;]{0,20}(?:负责|承担)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Phrase();

    [GeneratedRegex(@"(?:\b(?:not|no|never|nor|shall_not|without)\b[^.;]{0,20}|不得|不|禁止|严禁|非)\s*(?:用于|为|for|to)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NegatorBefore();

    [GeneratedRegex(@"\b(?:that|which|who|where)\s+(?:do|does|did|is|are|was|were|has|have|shall_not)?\s*(?:not|n't)\b|\b(?:that|which)\s+shall_not\b|\bother\s+than\b|\bnot\s+(?:involving|affecting|resulting)\b|未[^，,。;；]{0,12}的|不(?:涉及|影响|造成|导致|构成)[^，,。;；]{0,12}的|除[^，,。;；]{1,20}(?:以外|之外)的", RegexOptions.CultureInvariant)]
    private static partial Regex NarrowedObject();

    [GeneratedRegex(@"[,;，；]\s*(?:but|however|provided\s+that|except\s+that)\b|[,;，；]\s*(?:但是|但|然而|不过)", RegexOptions.CultureInvariant)]
    private static partial Regex Contrast();

    [GeneratedRegex(@"\(\s*(?:[a-z]|[ivx]{1,4}|\d{1,2}|[一二三四五六七八九十]{1,3})\s*\)|[;；]", RegexOptions.CultureInvariant)]
    private static partial Regex Enumeration();
}
