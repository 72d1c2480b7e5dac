using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// What a sentence points to elsewhere in the contract: the definitions of the terms it uses (<c>"Notice Period"
/// means forty-eight (48) hours</c>, <c>“保存期限”指…五年</c>) and the clauses and annexes it cites (<c>as set out in
/// Article 11</c>, <c>listed in Annex B</c>, <c>按照第七条</c>, <c>附件二所列</c>). A requirement that a sentence does
/// not meet by itself may be met there; the finding still quotes and locates the sentence's own clause.
/// </summary>
internal sealed partial class CrossReferences
{
    private const int MaxReferencedLength = 2000;

    private readonly List<(string Term, string Meaning)> _definitions;
    private readonly IReadOnlyList<ContractClause> _clauses;
    private readonly List<(string Key, int Clause)> _index = [];

    public CrossReferences(string text, IReadOnlyList<ContractClause> clauses)
    {
        _clauses = clauses;
        _definitions = Definition().Matches(text)
            .Select(m => (Term: m.Groups["t"].Value.Trim().ToLowerInvariant(), Meaning: m.Groups["d"].Value.Trim()))
            .Where(d => d.Term.Length >= 2)
            .DistinctBy(d => d.Term)
            .ToList();
        for (var i = 0; i < clauses.Count; i++)
        {
            if (ClauseKey(clauses[i].Number) is { } number)
            {
                _index.Add(("clause:" + number, i));
            }

            foreach (var source in new[] { clauses[i].Section, clauses[i].Text[..Math.Min(40, clauses[i].Text.Length)] })
            {
                if (source is not null && AnnexTitle().Match(source) is { Success: true } annex)
                {
                    _index.Add(("annex:" + Normalize(annex.Groups["n"].Value), i));
                }
            }
        }
    }

    /// <summary>The definitions and referenced clauses the sentence of clause <paramref name="clause"/> relies on, as plain text (empty when none).</summary>
    public string For(int clause, string sentence)
    {
        var sb = new StringBuilder();
        var lower = sentence.ToLowerInvariant();
        foreach (var (term, meaning) in _definitions)
        {
            if (lower.Contains(term, StringComparison.Ordinal) && !lower.Contains(meaning.ToLowerInvariant(), StringComparison.Ordinal))
            {
                sb.Append(' ').Append(term).Append(": ").Append(meaning).Append('.');
            }
        }

        foreach (Match m in Reference().Matches(sentence))
        {
            var kind = m.Groups["annex"].Success ? "annex:" : "clause:";
            var key = kind + Normalize(m.Groups["n"].Value);
            foreach (var (k, i) in _index)
            {
                if (i != clause && (k == key || (kind == "clause:" && k.StartsWith(key + ".", StringComparison.Ordinal))) && sb.Length < MaxReferencedLength)
                {
                    sb.Append(' ').Append(_clauses[i].Text);
                    // An annex is its title clause and the clauses below it under the same section.
                    for (var j = i + 1; kind == "annex:" && j < _clauses.Count && _clauses[j].Section == _clauses[i].Section && sb.Length < MaxReferencedLength; j++)
                    {
                        sb.Append(' ').Append(_clauses[j].Text);
                    }
                }
            }
        }

        return sb.Length > MaxReferencedLength ? sb.ToString(0, MaxReferencedLength) : sb.ToString();
    }

    /// <summary>"Article 11" → 11, "第十一条" → 11, "7.1." → 7.1, "Section 2." → 2; list marks such as "(a)" or "一、" are no clause numbers to cite.</summary>
    private static string? ClauseKey(string? number)
    {
        if (number is null)
        {
            return null;
        }

        var m = ClauseNumber().Match(number);
        return m.Success ? Normalize(m.Groups["n"].Value) : null;
    }

    private static string Normalize(string number)
    {
        var n = number.Trim().TrimEnd('.').ToLowerInvariant();
        return n.Length > 0 && n.All(c => "零〇一二两三四五六七八九十百".Contains(c, StringComparison.Ordinal))
            ? (Durations.ParseChineseNumber(n) ?? 0).ToString(CultureInfo.InvariantCulture)
            : n;
    }

    [GeneratedRegex(@"[""“](?<t>[^""”\n]{2,40})[""”]\s*(?:means|shall\s+mean|refers\s+to|是指|系指|指)\s*(?<d>[^;；。\n]{1,200})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Definition();

    [GeneratedRegex(@"\b(?:clause|article|section|paragraph|art\.)\s*(?<n>\d+(?:\.\d+)*)\b|\b(?<annex>annex|appendix|schedule|exhibit|attachment)\s+(?<n>\d+|[a-z]\b|[ivx]+\b)|第(?<n>[一二三四五六七八九十百零〇两\d]+)条|(?<annex>附件|附表)(?<n>[一二三四五六七八九十\d]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?:(?:clause|article|section|art\.)\s*)?(?<n>\d+(?:\.\d+)*)\.?$|^第(?<n>[一二三四五六七八九十百零〇两\d]+)条$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ClauseNumber();

    [GeneratedRegex(@"^\s*(?:annex|appendix|schedule|exhibit|attachment|附件|附表)\s*(?<n>\d+|[a-z](?![a-z])|[ivx]+(?![a-z])|[一二三四五六七八九十]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnnexTitle();
}
