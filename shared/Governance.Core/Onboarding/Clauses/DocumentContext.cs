using System.Text.RegularExpressions;
using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>
/// A contract as the analyzer reads it, prepared once: its clauses, each sentence as matched (party tokens, see
/// <see cref="PartyResolver"/>), the clause headings, and what a sentence refers to elsewhere. Two readings go
/// beyond the literal sentence: a list item without its own subject and verb is read after the sentence that
/// introduces the list ("乙方承诺：（4）…通知甲方"), and a table row is read as "the responsible party is responsible
/// for the obligation; the details" when its header names a column of parties, else as "header: cell; …".
/// </summary>
internal sealed partial class DocumentContext
{
    private readonly PartyResolver _parties;
    private readonly CrossReferences _references;

    public DocumentContext(ContractDocument document, ClauseLibrary library)
    {
        Clauses = ClauseSegmenter.Segment(document);
        _parties = new PartyResolver(library.Parties, document.Text);
        _references = new CrossReferences(document.Text, Clauses);
        Sentences = new string[Clauses.Count][];
        Headings = new string?[Clauses.Count];
        for (var c = 0; c < Clauses.Count; c++)
        {
            var clause = Clauses[c];
            Headings[c] = clause.Heading is null ? null : _parties.Prepare(clause.Heading);
            Sentences[c] = clause.TableHeader is { } header
                ? clause.Sentences.Select((_, i) => i == 0 ? _parties.Prepare(RowSentence(header, clause.Text)) : string.Empty).ToArray()
                : Prepare(c);
        }
    }

    public IReadOnlyList<ContractClause> Clauses { get; }

    /// <summary>The prepared sentences of each clause.</summary>
    public string[][] Sentences { get; }

    /// <summary>The prepared heading of each clause, if it has one.</summary>
    public string?[] Headings { get; }

    /// <summary>The prepared definitions and referenced clauses sentence <paramref name="sentence"/> of clause <paramref name="clause"/> relies on.</summary>
    public string Referenced(int clause, int sentence)
    {
        var text = _references.For(clause, Clauses[clause].Sentences[sentence].Text);
        return text.Length == 0 ? string.Empty : _parties.Prepare(text);
    }

    private string[] Prepare(int c)
    {
        var clause = Clauses[c];
        var prepared = clause.Sentences.Select(s => _parties.Prepare(s.Text)).ToArray();
        if (LeadIn(c) is { } lead && prepared.Length > 0 && !ObligatedParty.HasSubjectAndModal(prepared[0]))
        {
            prepared = clause.Sentences.Select(s => _parties.Prepare(lead + " " + s.Text)).ToArray();
        }

        return prepared;
    }

    /// <summary>
    /// The sentence that introduces the list clause <paramref name="c"/> belongs to: the nearest clause above ending in a
    /// colon, with only items of the same numbering style ("(1)", "(a)", "•") in between.
    /// </summary>
    private string? LeadIn(int c)
    {
        var style = Style(Clauses[c].Number);
        if (style is null)
        {
            return null;
        }

        for (var j = c - 1; j >= 0 && j >= c - 20; j--)
        {
            var text = Clauses[j].Text.TrimEnd();
            if (text.EndsWith(':') || text.EndsWith('：'))
            {
                return Clauses[j].Sentences[^1].Text;
            }

            if (Style(Clauses[j].Number) != style)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A list mark's style with its number blanked ("(3)" → "(#)", "b." → "#."), null for no mark.</summary>
    private static string? Style(string? number) => number is null ? null : ItemNumber().Replace(number.Trim(), "#");

    /// <summary>A table row as a sentence (see the class summary).</summary>
    internal static string RowSentence(IReadOnlyList<string> header, string row)
    {
        var cells = row.Split(ClauseSegmenter.CellSeparator, StringSplitOptions.TrimEntries);
        var chinese = row.Any(Cues.IsHan);
        var party = header.ToList().FindIndex(h => PartyColumn().IsMatch(h));
        if (party >= 0 && party < cells.Length && cells[party].Length > 0)
        {
            var rest = cells.Where((cell, i) => i != party && cell.Length > 0);
            return chinese ? $"{cells[party]}负责{string.Join("；", rest)}。" : $"{cells[party]} is responsible for {string.Join("; ", rest)}.";
        }

        return string.Join(chinese ? "；" : "; ", cells.Select((cell, i) => i < header.Count ? $"{header[i]}: {cell}" : cell));
    }

    [GeneratedRegex(@"\d+|[a-zA-Z]+|[一二三四五六七八九十]+", RegexOptions.CultureInvariant)]
    private static partial Regex ItemNumber();

    [GeneratedRegex(@"responsib|\bpart(?:y|ies)\b|\bowner|\bobligor|\bperformed\s+by|\bwho\b|责任|负责|义务方|主体|承担|执行方|实施方", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PartyColumn();
}
