using System.Net;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>Where draft text lives, and the inputs a draft refuses (dates storage cannot hold, control characters).</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureStorageAndInputTests(GovernanceHostFixture fixture)
{
    private readonly DisclosureApi _api = new(fixture);

    [Fact]
    public async Task Draft_text_stays_out_of_the_immutable_container_until_it_is_published()
    {
        const string kind = "privacy-policy";
        var firstText = $"# Early thoughts\n\n{Guid.NewGuid():N}\n";
        var finalText = $"# Final text\n\n{Guid.NewGuid():N}\n";
        var draftId = (await _api.CreateDraftAsync(kind, DisclosureApi.Draft(kind, "Working draft", firstText, _api.AfterNotice))).GetProperty("draftId").GetString()!;
        var update = await fixture.Client.SendAsync(_api.Staff(HttpMethod.Put, $"api/disclosures/{kind}/drafts/{draftId}", DisclosureApi.Draft(kind, "Working draft", finalText, _api.AfterNotice)));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var published = fixture.Blobs.GetBlobContainerClient(ContainerNames.Disclosures);
        var drafts = fixture.Blobs.GetBlobContainerClient(ContainerNames.DisclosureDrafts);
        Assert.False(await published.GetBlobClient($"sha256/{DisclosureApi.Sha256(firstText)}.md").ExistsAsync());
        Assert.False(await published.GetBlobClient($"sha256/{DisclosureApi.Sha256(finalText)}.md").ExistsAsync());
        Assert.True(await drafts.GetBlobClient($"sha256/{DisclosureApi.Sha256(finalText)}.md").ExistsAsync());

        var publish = await _api.PublishAsync(kind, draftId);
        Assert.Equal(HttpStatusCode.Created, publish.StatusCode);

        Assert.True(await published.GetBlobClient($"sha256/{DisclosureApi.Sha256(finalText)}.md").ExistsAsync());
        Assert.False(await published.GetBlobClient($"sha256/{DisclosureApi.Sha256(firstText)}.md").ExistsAsync());
        var version = (await DisclosureApi.ReadJsonAsync(publish)).GetProperty("version").GetInt32();
        var read = await DisclosureApi.ReadJsonAsync(await fixture.Client.GetAsync($"api/public/disclosures/{kind}/versions/{version}"));
        Assert.Equal(finalText, read.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1600-06-30T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task An_effective_date_storage_cannot_hold_or_no_rule_could_mean_is_400(string date)
    {
        const string kind = "platform-rules";
        var body = DisclosureApi.Draft(kind, "Out of range " + Guid.NewGuid().ToString("N"), "# Rules\n", _api.AfterNotice);
        body["effectiveFrom"] = date;
        body["filing"] = new { authority = "Provincial CAC", reference = "F-1", acceptedAt = date };

        var response = await fixture.Client.SendAsync(_api.Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts", body));
        var problem = await DisclosureApi.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("effectiveFrom", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("filing.acceptedAt", out _), problem.ToString());
    }

    [Fact]
    public async Task A_control_character_in_a_title_is_400_and_the_feed_keeps_working()
    {
        const string kind = "platform-rules";
        var body = DisclosureApi.Draft(kind, "Broken\u0001title", "# Rules\n", _api.AfterNotice);
        body["changeSummary"] = "Summary with a \u001b escape.";

        var response = await fixture.Client.SendAsync(_api.Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts", body));
        var problem = await DisclosureApi.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("changeSummary", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("api/public/disclosures/feed")).StatusCode);
    }
}
