using System.Net;
using System.Net.Http.Headers;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>Each language's page and feed are cached apart; a draft's language is validated and kept.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureLanguageTests(GovernanceHostFixture fixture)
{
    private const string Kind = "privacy-policy";
    private readonly DisclosureApi _api = new(fixture);

    [Theory]
    [InlineData("api/public/disclosures/privacy-policy/page")]
    [InlineData("api/public/disclosures/feed")]
    public async Task Each_language_has_its_own_body_and_etag_and_a_304_never_crosses_languages(string path)
    {
        await _api.EnsureCurrentAsync(Kind);

        var zh = await GetAsync(path, "zh-CN,zh;q=0.9");
        var en = await GetAsync(path, "en-US,en;q=0.8");
        var none = await GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, zh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, en.StatusCode);
        Assert.Equal(["zh-CN"], zh.Content.Headers.ContentLanguage);
        Assert.Equal(["en"], en.Content.Headers.ContentLanguage);
        Assert.Equal(["zh-CN"], none.Content.Headers.ContentLanguage); // the default language
        Assert.Contains("Accept-Language", zh.Headers.Vary);
        Assert.Contains("Accept-Language", en.Headers.Vary);
        Assert.NotEqual(zh.Headers.ETag!.Tag, en.Headers.ETag!.Tag);
        Assert.Equal(zh.Headers.ETag.Tag, none.Headers.ETag!.Tag);
        var zhBody = await zh.Content.ReadAsStringAsync();
        var enBody = await en.Content.ReadAsStringAsync();
        Assert.NotEqual(zhBody, enBody);
        Assert.Contains(path.EndsWith("feed", StringComparison.Ordinal) ? "xml:lang=\"zh-CN\"" : "<html lang=\"zh-CN\">", zhBody, StringComparison.Ordinal);
        Assert.Contains(path.EndsWith("feed", StringComparison.Ordinal) ? "xml:lang=\"en\"" : "<html lang=\"en\">", enBody, StringComparison.Ordinal);

        // The Chinese copy's ETag confirms the Chinese copy only; an English reader presenting it gets English.
        var sameLanguage = await GetAsync(path, "zh-CN", zh.Headers.ETag);
        var otherLanguage = await GetAsync(path, "en", zh.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, sameLanguage.StatusCode);
        Assert.Equal(["zh-CN"], sameLanguage.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", sameLanguage.Headers.Vary);
        Assert.Equal(HttpStatusCode.OK, otherLanguage.StatusCode);
        Assert.Equal(enBody, await otherLanguage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(path, "en-GB", en.Headers.ETag)).StatusCode);
    }

    [Fact]
    public async Task A_drafts_language_is_validated_kept_in_canonical_case_and_shown_in_the_public_json()
    {
        var body = DisclosureApi.Draft(Kind, "Language " + Guid.NewGuid().ToString("N")[..6], "# 政策\n\n正文。\n", _api.AfterNotice);
        body["language"] = "zh_CN; DROP TABLE";
        var bad = await fixture.Client.SendAsync(_api.Staff(HttpMethod.Post, $"api/disclosures/{Kind}/drafts", body));
        var problem = await DisclosureApi.ReadJsonAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("BCP 47", problem.GetProperty("errors").GetProperty("language")[0].GetString(), StringComparison.Ordinal);

        body["language"] = "zh-hans-cn";
        var draft = await _api.CreateDraftAsync(Kind, body);
        Assert.Equal("zh-Hans-CN", draft.GetProperty("language").GetString());
        var published = await DisclosureApi.ReadJsonAsync(await _api.PublishAsync(Kind, draft.GetProperty("draftId").GetString()!));
        var version = published.GetProperty("version").GetInt32();

        var json = await DisclosureApi.ReadJsonAsync(await fixture.Client.GetAsync($"api/public/disclosures/{Kind}/versions/{version}"));
        Assert.Equal("zh-Hans-CN", json.GetProperty("language").GetString());
        Assert.Equal(published.GetProperty("effectiveFrom").GetString(), json.GetProperty("effectiveFrom").GetString());
        await _api.EnsureCurrentAsync(Kind);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? acceptLanguage, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return fixture.Client.SendAsync(request);
    }
}
