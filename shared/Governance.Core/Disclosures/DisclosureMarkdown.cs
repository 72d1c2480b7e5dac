using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Governance.Core.Disclosures;

/// <summary>
/// Markdown → HTML for the public page. Raw HTML in the Markdown is not interpreted (it is shown as text), and the
/// output still goes through an HTML sanitizer, so neither a <c>&lt;script&gt;</c> nor a <c>javascript:</c> link
/// (which Markdown itself would render as a link) can reach the page. Headings move one level down, because
/// the page's own title is the only <c>h1</c>.
/// </summary>
public static class DisclosureMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    public static string ToSafeHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 1);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return CreateSanitizer().Sanitize(writer.ToString());
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        return sanitizer;
    }
}
