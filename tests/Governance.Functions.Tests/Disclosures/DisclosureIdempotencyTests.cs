using System.Net;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureIdempotencyTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task A_retried_draft_creation_with_the_same_idempotency_key_creates_one_draft_and_replays_the_answer()
    {
        const string kind = "privacy-policy";
        var api = new DisclosureApi(fixture);
        var title = "Idempotent " + Guid.NewGuid().ToString("N");
        var body = DisclosureApi.Draft(kind, title, "# Retry-safe\n", api.AfterNotice);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create() => CreateWithKey(api, kind, body, key);

        var first = await fixture.Client.SendAsync(Create());
        var retry = await fixture.Client.SendAsync(Create());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        var firstDraft = await DisclosureApi.ReadJsonAsync(first);
        var retriedDraft = await DisclosureApi.ReadJsonAsync(retry);
        Assert.Equal(firstDraft.GetProperty("draftId").GetString(), retriedDraft.GetProperty("draftId").GetString());

        var list = await DisclosureApi.ReadJsonAsync(await fixture.Client.SendAsync(api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts")));
        Assert.Single(list.GetProperty("drafts").EnumerateArray(), d => d.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task A_draft_whose_answer_is_too_large_for_a_table_row_is_created_once_and_replayed_in_full()
    {
        const string kind = "platform-rules";
        var api = new DisclosureApi(fixture);
        var title = "Large idempotent " + Guid.NewGuid().ToString("N");
        var content = "# Large rules\n\n" + string.Concat(Enumerable.Repeat("Every clause of these rules is written out at length. ", 18_000));
        var body = DisclosureApi.Draft(kind, title, content, api.AfterNotice);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create() => CreateWithKey(api, kind, body, key);

        var first = await fixture.Client.SendAsync(Create());
        Assert.True(first.StatusCode == HttpStatusCode.Created, $"first: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
        var retry = await fixture.Client.SendAsync(Create());

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 14 * 64 * 1024); // beyond what a table row can hold

        var list = await DisclosureApi.ReadJsonAsync(await fixture.Client.SendAsync(api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts")));
        Assert.Single(list.GetProperty("drafts").EnumerateArray(), d => d.GetProperty("title").GetString() == title);
    }

    private static HttpRequestMessage CreateWithKey(DisclosureApi api, string kind, object body, string key)
    {
        var request = api.Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts", body);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
