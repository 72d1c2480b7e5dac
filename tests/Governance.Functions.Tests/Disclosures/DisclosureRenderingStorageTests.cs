using System.Net;
using System.Text;
using System.Text.Json;
using Governance.Core.Disclosures;
using Governance.Core.Json;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>Published versions' HTML and diffs are stored once in <c>disclosure-renderings</c> and served from there.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureRenderingStorageTests(GovernanceHostFixture fixture)
{
    private const string Kind = "platform-rules";
    private readonly DisclosureApi _api = new(fixture);

    [Fact]
    public async Task Publishing_stores_the_versions_html_and_the_page_is_served_from_that_stored_rendering()
    {
        var content = Unique("Stored page");
        var published = await PublishCurrentAsync(content);
        var blob = Renderings.GetBlobClient(DisclosureRenderings.ContentHtmlName(published.GetProperty("sha256").GetString()!));

        var stored = (await blob.DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(DisclosureMarkdown.ToSafeHtml(content), stored);

        // Only a page served from the stored rendering can show what was put there.
        var marker = "tampered-" + Guid.NewGuid().ToString("N");
        await blob.UploadAsync(BinaryData.FromString(stored.Replace("Stored page", marker, StringComparison.Ordinal)), overwrite: true);
        var page = await PageAsync();
        Assert.Contains(marker, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rendering_missing_from_storage_is_made_again_on_the_first_read_and_stored()
    {
        var content = Unique("Made again");
        var published = await PublishCurrentAsync(content);
        var blob = Renderings.GetBlobClient(DisclosureRenderings.ContentHtmlName(published.GetProperty("sha256").GetString()!));
        await blob.DeleteAsync();

        var page = await PageAsync();

        var expected = DisclosureMarkdown.ToSafeHtml(content);
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.Equal(expected, (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task The_diff_between_consecutive_versions_is_stored_at_publishing_and_served_from_storage()
    {
        var first = await _api.PublishNewAsync(Kind, Unique("Diff before"), _api.AfterNotice);
        var second = await _api.PublishNewAsync(Kind, Unique("Diff after"), _api.AfterNotice);
        var (from, to) = (first.GetProperty("version").GetInt32(), second.GetProperty("version").GetInt32());
        Assert.Equal(from + 1, to);
        var blob = Renderings.GetBlobClient(DisclosureRenderings.DiffName(first.GetProperty("sha256").GetString()!, second.GetProperty("sha256").GetString()!));
        var stored = JsonSerializer.Deserialize<List<DiffHunk>>((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span, GovernanceJson.Options)!;
        Assert.Contains(stored.SelectMany(h => h.Lines), l => l.Type == DiffLineTypes.Inserted && l.Text.StartsWith("Diff after", StringComparison.Ordinal));

        var marker = "tampered-" + Guid.NewGuid().ToString("N");
        var tampered = new List<DiffHunk> { new(1, 1, 1, 1, [new DiffLine(DiffLineTypes.Context, marker, 1, 1)]) };
        await blob.UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(tampered, GovernanceJson.Options)), overwrite: true);

        var text = await fixture.Client.GetStringAsync($"api/public/disclosures/{Kind}/diff?from={from}&to={to}&format=text");
        Assert.Contains(marker, text, StringComparison.Ordinal);
        await _api.EnsureCurrentAsync(Kind); // no version of these left scheduled for other tests
    }

    [Fact]
    public async Task A_large_diff_between_versions_that_are_not_consecutive_is_a_422_problem_that_says_why()
    {
        var paragraphs = (int)(DisclosureReader.MaxNonConsecutiveDiffBytes / 2 / 30) + 50;
        var versions = new List<int>();
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            var text = new StringBuilder($"# {name}\n\n");
            for (var i = 0; i < paragraphs; i++)
            {
                text.Append(name).Append(" clause ").Append(i).Append(" of the rules.\n\n");
            }

            versions.Add((await _api.PublishNewAsync(Kind, text.ToString(), _api.AfterNotice)).GetProperty("version").GetInt32());
        }

        var response = await fixture.Client.GetAsync($"api/public/disclosures/{Kind}/diff?from={versions[0]}&to={versions[2]}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{DisclosureReader.MaxNonConsecutiveDiffBytes} bytes", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync($"api/public/disclosures/{Kind}/diff?from={versions[1]}&to={versions[2]}")).StatusCode);
        await _api.EnsureCurrentAsync(Kind); // no version of these left scheduled for other tests
    }

    private Azure.Storage.Blobs.BlobContainerClient Renderings => fixture.Blobs.GetBlobContainerClient(ContainerNames.DisclosureRenderings);

    private static string Unique(string heading) => $"# {heading}\n\n{heading} text {Guid.NewGuid():N}.\n\n- one\n- two\n";

    private async Task<JsonElement> PublishCurrentAsync(string content)
    {
        var published = await _api.PublishNewAsync(Kind, content, _api.AfterNotice);
        fixture.Clock.Advance(published.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromMinutes(1));
        return published;
    }

    private async Task<string> PageAsync()
    {
        var response = await fixture.Client.GetAsync($"api/public/disclosures/{Kind}/page");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
