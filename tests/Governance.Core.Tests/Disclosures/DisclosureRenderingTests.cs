using System.Text;
using Governance.Core.Disclosures;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Disclosures;

/// <summary>Renderings of published versions, made once (<see cref="DisclosureReadHarness"/>) and served from storage.</summary>
public sealed class DisclosureRenderingTests
{
    private const string Kind = DisclosureKinds.PlatformRules;

    [Fact]
    public async Task Preparing_a_published_version_renders_its_html_and_the_diff_from_the_previous_version_once_and_readers_are_served_the_stored_renderings()
    {
        var h = new DisclosureReadHarness();
        await h.PublishAsync(Kind, DisclosureSamples.Start, Text("first", 40));
        var second = await h.PublishAsync(Kind, DisclosureSamples.Start.AddDays(8), Text("second", 40));
        Assert.Equal((2, 1), (h.Renderer.HtmlRenders, h.Renderer.Diffs));
        Assert.True(h.RenderingStore.Blobs.ContainsKey(DisclosureRenderings.ContentHtmlName(second.Sha256)));

        h.Clock.Advance(TimeSpan.FromDays(9));
        var page = await h.Reader.PageAsync(Kind, TestLocales.English);
        await h.Reader.PageAsync(Kind, TestLocales.English);
        var diff = await h.Reader.DiffAsync(Kind, "1", "2");
        await h.Reader.DiffAsync(Kind, "1", "2");

        // Another instance (empty memory) reads the stored renderings instead of rendering again.
        var other = h.NewReader();
        Assert.Equal(page, await other.PageAsync(Kind, TestLocales.English));
        Assert.Equal(diff.ToUnifiedText(), (await other.DiffAsync(Kind, "1", "2")).ToUnifiedText());
        Assert.Equal((2, 1), (h.Renderer.HtmlRenders, h.Renderer.Diffs));
        Assert.Contains(new DisclosureRenderer().ContentHtml(Text("second", 40)), page, StringComparison.Ordinal);
        Assert.Equal(DisclosureDiff.Unified("x", "y", DisclosureDiff.Hunks(Text("first", 40), Text("second", 40))), DisclosureDiff.Unified("x", "y", diff.Hunks));
    }

    [Fact]
    public async Task The_page_shows_the_stored_rendering_not_a_fresh_one()
    {
        var h = new DisclosureReadHarness();
        var published = await h.PublishAsync(Kind, DisclosureSamples.Start, Text("first", 3));
        h.RenderingStore.Blobs[DisclosureRenderings.ContentHtmlName(published.Sha256)] = BinaryData.FromString("<p>from the store</p>");

        var page = await h.NewReader().PageAsync(Kind, TestLocales.English);

        Assert.Contains("<p>from the store</p>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_rendering_is_made_again_stored_and_equal_to_the_previous_one()
    {
        var h = new DisclosureReadHarness();
        await h.PublishAsync(Kind, DisclosureSamples.Start, Text("first", 20));
        await h.PublishAsync(Kind, DisclosureSamples.Start.AddDays(8), Text("second", 20));
        h.Clock.Advance(TimeSpan.FromDays(9));
        var before = h.RenderingStore.Blobs.ToDictionary(b => b.Key, b => b.Value.ToString(), StringComparer.Ordinal);
        var page = await h.Reader.PageAsync(Kind, TestLocales.English);
        var diff = (await h.Reader.DiffAsync(Kind, "1", "2")).ToUnifiedText();
        h.RenderingStore.Blobs.Clear();

        var reader = h.NewReader();
        Assert.Equal(page, await reader.PageAsync(Kind, TestLocales.English));
        Assert.Equal(diff, (await reader.DiffAsync(Kind, "1", "2")).ToUnifiedText());

        Assert.Equal((3, 2), (h.Renderer.HtmlRenders, h.Renderer.Diffs));
        Assert.Equal(2, h.RenderingStore.Blobs.Count); // the page's html and the 1→2 diff were stored again
        Assert.All(h.RenderingStore.Blobs, b => Assert.Equal(before[b.Key], b.Value.ToString()));
    }

    [Fact]
    public async Task A_rendering_that_fails_after_publishing_is_logged_not_thrown_and_the_first_reader_makes_it()
    {
        var h = new DisclosureReadHarness();
        h.Renderer.Fail = true;
        var published = await h.PublishAsync(Kind, DisclosureSamples.Start, Text("first", 3));
        Assert.Empty(h.RenderingStore.Blobs);
        Assert.Equal(1, published.Version);

        h.Renderer.Fail = false;
        h.RenderingStore.FailWrites = true;
        var page = await h.Reader.PageAsync(Kind, TestLocales.English); // served even when it cannot be stored
        h.RenderingStore.FailWrites = false;

        Assert.Contains("first paragraph 2", page, StringComparison.Ordinal);
        Assert.Equal(page, await h.NewReader().PageAsync(Kind, TestLocales.English));
        Assert.True(h.RenderingStore.Blobs.ContainsKey(DisclosureRenderings.ContentHtmlName(published.Sha256)));
    }

    [Fact]
    public async Task Concurrent_readers_of_a_rendering_not_yet_made_share_one_render()
    {
        var h = new DisclosureReadHarness();
        h.Renderer.Fail = true;
        var published = await h.PublishAsync(Kind, DisclosureSamples.Start, Text("first", 200));
        h.Renderer.Fail = false;
        var before = h.Renderer.HtmlRenders;
        var renderings = h.NewRenderings();

        var pages = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => renderings.ContentHtmlAsync(published.Sha256))));

        Assert.Single(pages.Distinct());
        Assert.Equal(before + 1, h.Renderer.HtmlRenders);
    }

    [Fact]
    public async Task A_large_diff_between_versions_that_are_not_consecutive_is_a_422_that_says_why_and_consecutive_ones_are_served()
    {
        var h = new DisclosureReadHarness();
        await PublishThreeAsync(h, paragraphs: (int)(DisclosureReader.MaxNonConsecutiveDiffBytes / 2 / 60) + 100);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Reader.DiffAsync(Kind, "1", "3"));
        var reversed = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Reader.DiffAsync(Kind, "2", "1"));

        Assert.Equal(422, problem.Status);
        Assert.Equal(422, reversed.Status);
        Assert.Contains($"{DisclosureReader.MaxNonConsecutiveDiffBytes} bytes", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("consecutive", problem.Detail, StringComparison.Ordinal);
        Assert.NotEmpty((await h.Reader.DiffAsync(Kind, "1", "2")).Hunks);
        Assert.NotEmpty((await h.Reader.DiffAsync(Kind, "2", "3")).Hunks);
    }

    [Fact]
    public async Task A_small_diff_between_any_two_versions_is_made_once_and_stored()
    {
        var h = new DisclosureReadHarness();
        await PublishThreeAsync(h, paragraphs: 5);
        var diffs = h.Renderer.Diffs;

        var diff = await h.Reader.DiffAsync(Kind, "3", "1");
        await h.NewReader().DiffAsync(Kind, "3", "1");

        Assert.Equal(diffs + 1, h.Renderer.Diffs);
        Assert.Contains(diff.Hunks.SelectMany(x => x.Lines), l => l.Type == DiffLineTypes.Inserted && l.Text.StartsWith("first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_memory_cache_keeps_only_what_fits_its_bound()
    {
        using var cache = new DisclosureRenderingCache(sizeLimitBytes: 4_000);
        var loads = 0;
        Task<string> Load(string value)
        {
            loads++;
            return Task.FromResult(value);
        }

        for (var i = 0; i < 3; i++)
        {
            await cache.GetOrLoadAsync("small", () => Load("small"), v => 100, CancellationToken.None);
            await cache.GetOrLoadAsync("large", () => Load("large"), v => 2_000, CancellationToken.None);
        }

        Assert.Equal(1 + 3, loads); // the small value is kept, the one over a quarter of the bound never is
    }

    /// <summary>Versions 1 to 3 of <see cref="Kind"/>, texts "first", "second", "third".</summary>
    private static async Task PublishThreeAsync(DisclosureReadHarness h, int paragraphs)
    {
        await h.PublishAsync(Kind, DisclosureSamples.Start, Text("first", paragraphs));
        await h.PublishAsync(Kind, DisclosureSamples.Start.AddDays(8), Text("second", paragraphs));
        h.Clock.Advance(TimeSpan.FromDays(8));
        await h.PublishAsync(Kind, DisclosureSamples.Start.AddDays(16), Text("third", paragraphs));
    }

    private static string Text(string marker, int paragraphs)
    {
        var text = new StringBuilder($"# {marker}\n\n");
        for (var i = 0; i < paragraphs; i++)
        {
            text.Append(marker).Append(" paragraph ").Append(i).Append(": the platform keeps every published version unchanged.\n\n");
        }

        return text.ToString();
    }
}
