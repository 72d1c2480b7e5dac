using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureMarkdownTests
{
    [Fact]
    public void Raw_html_and_script_are_shown_as_text_never_as_markup()
    {
        var html = DisclosureMarkdown.ToSafeHtml("Hello\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void Links_with_script_schemes_lose_their_target(string markdown)
    {
        var html = DisclosureMarkdown.ToSafeHtml(markdown);

        // The words may remain as text; no attribute may point at a script or data URL.
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"(href|src)\s*=\s*[""']?\s*(javascript|vbscript|data):", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_markdown_renders_with_headings_one_level_down()
    {
        var html = DisclosureMarkdown.ToSafeHtml("# Title\n\n## Part\n\nSee [rules](https://example.org/rules) and **this**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");

        Assert.Contains("<h2>Title</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Part</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/rules\">rules</a>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>this</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
    }
}
