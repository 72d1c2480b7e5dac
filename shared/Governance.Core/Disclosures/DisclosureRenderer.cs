namespace Governance.Core.Disclosures;

/// <summary>The costly derivations of published text: sanitized HTML of the Markdown, and line diffs.</summary>
public interface IDisclosureRenderer
{
    string ContentHtml(string markdown);

    IReadOnlyList<DiffHunk> Hunks(string oldMarkdown, string newMarkdown);
}

public sealed class DisclosureRenderer : IDisclosureRenderer
{
    public string ContentHtml(string markdown) => DisclosureMarkdown.ToSafeHtml(markdown);

    public IReadOnlyList<DiffHunk> Hunks(string oldMarkdown, string newMarkdown) => DisclosureDiff.Hunks(oldMarkdown, newMarkdown);
}
