using System.Net;
using System.Net.Http.Headers;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>A cached copy of "current" or of the index is never confirmed (304) once another version is in force.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureCachingTests(GovernanceHostFixture fixture)
{
    private readonly DisclosureApi _api = new(fixture);

    [Fact]
    public async Task A_new_version_with_the_same_text_invalidates_cached_copies_of_the_index_while_current_keeps_the_sha256_etag()
    {
        const string kind = "algorithm-strategy";
        var content = $"# Same text in two versions\n\n{Guid.NewGuid():N}\n";
        var first = await _api.PublishNewAsync(kind, content, _api.AfterNotice, title: "Before the procedures changed");
        fixture.Clock.Advance(first.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromMinutes(1));

        var current = await fixture.Client.GetAsync($"api/public/disclosures/{kind}");
        var index = await fixture.Client.GetAsync("api/public/disclosures");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(first.GetProperty("version").GetInt32(), (await DisclosureApi.ReadJsonAsync(current)).GetProperty("version").GetInt32());
        var currentTag = current.Headers.ETag!;
        var indexTag = index.Headers.ETag!;
        Assert.Equal($"\"{DisclosureApi.Sha256(content)}\"", currentTag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync($"api/public/disclosures/{kind}", currentTag)).StatusCode);

        // Identical Markdown, new title: a new version that becomes current once its notice period has run.
        var second = await _api.PublishNewAsync(kind, content, _api.AfterNotice, title: "After the procedures changed");
        Assert.Equal(first.GetProperty("sha256").GetString(), second.GetProperty("sha256").GetString());
        fixture.Clock.Advance(second.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromMinutes(1));

        // The index names the version in force, so its ETag changes; "current" keeps ETag = sha256 (the contract).
        Assert.Equal(HttpStatusCode.OK, (await ConditionalGetAsync("api/public/disclosures", indexTag)).StatusCode);
        var now = await DisclosureApi.ReadJsonAsync(await fixture.Client.GetAsync($"api/public/disclosures/{kind}"));
        Assert.Equal(second.GetProperty("version").GetInt32(), now.GetProperty("version").GetInt32());
        Assert.Equal("After the procedures changed", now.GetProperty("title").GetString());

        // The spec's ETag for a single version stays the SHA-256 of its text.
        var byNumber = await fixture.Client.GetAsync($"api/public/disclosures/{kind}/versions/{second.GetProperty("version").GetInt32()}");
        Assert.Equal($"\"{DisclosureApi.Sha256(content)}\"", byNumber.Headers.ETag?.Tag);
    }

    private Task<HttpResponseMessage> ConditionalGetAsync(string path, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return fixture.Client.SendAsync(request);
    }
}
