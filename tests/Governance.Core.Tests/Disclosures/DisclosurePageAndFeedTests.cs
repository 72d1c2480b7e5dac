using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosurePageAndFeedTests
{
    private const string Kind = DisclosureKinds.AlgorithmStrategy;
    private static readonly DateTimeOffset Now = DisclosureSamples.Start;

    private static DisclosurePageModel Model()
    {
        var algorithm = new AlgorithmDisclosure("Ranking <b>", "Orders the feed.", [new("clicks", "Recent clicks & views.")], true, "ALG-7");
        var v1 = DisclosureSamples.Version(Kind, 1, Now.AddDays(-20));
        var v2 = DisclosureSamples.Version(Kind, 2, Now.AddDays(-1)) with
        {
            Metadata = DisclosureSamples.Metadata(Now.AddDays(-1), algorithm: algorithm) with
            {
                Title = "Rules <script>alert(1)</script>",
                FormulationProcedure = "Step one.\n\nStep <two>.",
                AdjudicationProcedure = "Panel, then appeal.",
            },
        };
        var v3 = DisclosureSamples.Version(Kind, 3, Now.AddDays(9));
        return new DisclosurePageModel(Kind, v2, "<h2>Body</h2><p>Text</p>", [v1, v2, v3], v3, Now, TestLocales.English);
    }

    [Fact]
    public void The_page_is_accessible_html_with_every_part_and_all_text_encoded()
    {
        var model = Model();

        var html = DisclosurePage.Render(model);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\"", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
        Assert.Contains("<h1 id=\"title\" lang=\"\">Rules &lt;script&gt;alert(1)&lt;/script&gt;</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<main id=\"main\">", html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=", html, StringComparison.Ordinal);
        Assert.Contains("<p>Step one.</p>\n<p>Step &lt;two&gt;.</p>", html, StringComparison.Ordinal);
        Assert.Contains("Panel, then appeal.", html, StringComparison.Ordinal);
        Assert.Contains("Ranking &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Recent clicks &amp; views.", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Body</h2><p>Text</p>", html, StringComparison.Ordinal);
        foreach (var version in model.Versions)
        {
            Assert.Contains(version.Sha256, html, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"diff?from=1&amp;to=2&amp;format=text\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"diff?from=2&amp;to=3&amp;format=text\"", html, StringComparison.Ordinal);
        Assert.Contains("Version 3 (<span lang=\"\">Version 3</span>) takes effect on", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_security_policy_forbids_scripts_and_allows_exactly_the_pages_own_style()
    {
        var csp = DisclosurePage.ContentSecurityPolicy;
        var style = Regex.Match(DisclosurePage.Render(Model()), "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;

        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void The_feed_is_atom_with_one_entry_per_version_newest_first()
    {
        var versions = new[]
        {
            DisclosureSamples.Version(DisclosureKinds.PlatformRules, 1, Now.AddDays(-10), publishedAt: Now.AddDays(-12)),
            DisclosureSamples.Version(DisclosureKinds.PrivacyPolicy, 1, Now.AddDays(-5), publishedAt: Now.AddDays(-6)),
            DisclosureSamples.Version(DisclosureKinds.PlatformRules, 2, Now.AddDays(8), publishedAt: Now),
        };

        var feed = XDocument.Parse(DisclosureFeed.Render(new Uri("https://gov.example/api/public/disclosures/"), versions, TestLocales.English));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Root!.Name);
        Assert.Equal("https://gov.example/api/public/disclosures/feed", feed.Root.Element(atom + "id")!.Value);
        var ids = feed.Root.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value).ToArray();
        Assert.Equal(
            ["https://gov.example/api/public/disclosures/platform-rules/versions/2", "https://gov.example/api/public/disclosures/privacy-policy/versions/1", "https://gov.example/api/public/disclosures/platform-rules/versions/1"],
            ids);
        Assert.Contains(versions[2].Sha256, feed.Root.Elements(atom + "entry").First().Element(atom + "summary")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_character_in_stored_text_never_breaks_the_feed()
    {
        var version = DisclosureSamples.Version(DisclosureKinds.PlatformRules, 1, Now, publishedAt: Now.AddDays(-7));
        version = version with { Metadata = version.Metadata with { Title = "Bad\u0001title\uFFFF", ChangeSummary = "Lone \ud800 surrogate \u0008 and 数 kept." } };

        var feed = XDocument.Parse(DisclosureFeed.Render(new Uri("https://gov.example/api/public/disclosures/"), [version], TestLocales.English));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Element(atom + "entry")!;
        Assert.Contains("Bad\uFFFDtitle\uFFFD", entry.Element(atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("Lone \uFFFD surrogate \uFFFD and 数 kept.", entry.Element(atom + "summary")!.Value, StringComparison.Ordinal);
    }
}
