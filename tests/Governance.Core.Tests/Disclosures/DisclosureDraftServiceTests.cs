using Governance.Core.Disclosures;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureDraftServiceTests
{
    private const string Kind = DisclosureKinds.PrivacyPolicy;

    [Fact]
    public async Task Creating_stores_the_content_by_hash_in_the_draft_store_and_audits()
    {
        var h = new DisclosureServiceHarness();

        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Hello\n"), DisclosureServiceHarness.Operator);

        Assert.Matches("^[0-9a-f]{32}$", created.Draft.DraftId);
        Assert.Equal(DisclosureHashing.Sha256Hex("# Hello\n"), created.Draft.ContentSha256);
        Assert.Equal("# Hello\n", await h.DraftContent.GetAsync(created.Draft.ContentSha256));
        Assert.Equal("# Hello\n", (await h.Drafts.GetAsync(Kind, created.Draft.DraftId)).Content);
        var audit = Assert.Single(h.Audit.Records);
        Assert.Equal(("disclosure.draft.created", $"disclosures/{Kind}/drafts/{created.Draft.DraftId}", "operator"), (audit.Action, audit.Resource, audit.Actor.Role));
    }

    [Fact]
    public async Task Draft_text_reaches_the_immutable_store_only_when_published()
    {
        var h = new DisclosureServiceHarness();
        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# First thoughts\n"), DisclosureServiceHarness.Operator);
        var updated = await h.Drafts.UpdateAsync(Kind, created.Draft.DraftId, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Final text\n"), null, DisclosureServiceHarness.Operator);

        Assert.False(h.Content.Contains(created.Draft.ContentSha256));
        Assert.False(h.Content.Contains(updated.Draft.ContentSha256));
        Assert.Equal(0, h.Content.Uploads);

        var published = await h.Publisher.PublishAsync(Kind, created.Draft.DraftId, DisclosureServiceHarness.Operator);

        Assert.Equal(updated.Draft.ContentSha256, published.Sha256);
        Assert.Equal("# Final text\n", await h.Content.GetAsync(published.Sha256));
        Assert.False(h.Content.Contains(created.Draft.ContentSha256));
        Assert.Equal("# Final text\n", (await h.Reader.VersionAsync(Kind, "1")).Content);
    }

    [Fact]
    public async Task A_draft_whose_text_is_only_in_the_published_store_still_reads_and_publishes()
    {
        var h = new DisclosureServiceHarness();
        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Older draft\n"), DisclosureServiceHarness.Operator);
        await h.Content.PutAsync("# Older draft\n");
        h.DraftContent.Blobs.Clear(); // as a draft written before drafts had their own container

        Assert.Equal("# Older draft\n", (await h.Drafts.GetAsync(Kind, created.Draft.DraftId)).Content);
        var published = await h.Publisher.PublishAsync(Kind, created.Draft.DraftId, DisclosureServiceHarness.Operator);
        Assert.Equal("# Older draft\n", (await h.Reader.VersionAsync(Kind, published.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))).Content);
    }

    [Fact]
    public async Task Updating_replaces_the_body_and_audits()
    {
        var h = new DisclosureServiceHarness();
        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow()), DisclosureServiceHarness.Operator);

        var updated = await h.Drafts.UpdateAsync(Kind, created.Draft.DraftId, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Changed\n"), created.Draft.ETag, DisclosureServiceHarness.Operator);

        Assert.Equal("# Changed\n", (await h.Drafts.GetAsync(Kind, created.Draft.DraftId)).Content);
        Assert.NotEqual(created.Draft.ETag, updated.Draft.ETag);
        Assert.Equal(["disclosure.draft.created", "disclosure.draft.updated"], h.Audit.Records.Select(r => r.Action).ToArray());
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var h = new DisclosureServiceHarness();
        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Original\n"), DisclosureServiceHarness.Operator);
        await h.Drafts.UpdateAsync(Kind, created.Draft.DraftId, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Second\n"), null, DisclosureServiceHarness.Operator);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Drafts.UpdateAsync(Kind, created.Draft.DraftId, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Third\n"), created.Draft.ETag, DisclosureServiceHarness.Operator));

        Assert.Equal(412, problem.Status);
        Assert.Equal("# Second\n", (await h.Drafts.GetAsync(Kind, created.Draft.DraftId)).Content);
    }

    [Fact]
    public async Task A_published_draft_can_be_neither_changed_nor_deleted()
    {
        var h = new DisclosureServiceHarness();
        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow()), DisclosureServiceHarness.Operator);
        await h.Publisher.PublishAsync(Kind, created.Draft.DraftId, DisclosureServiceHarness.Operator);

        var update = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Drafts.UpdateAsync(Kind, created.Draft.DraftId, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow(), "# Rewrite\n"), null, DisclosureServiceHarness.Operator));
        var delete = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Drafts.DeleteAsync(Kind, created.Draft.DraftId, null, DisclosureServiceHarness.Operator));

        Assert.Equal((409, 409), (update.Status, delete.Status));
        Assert.Equal("# Rules\n\nText.\n", (await h.Drafts.GetAsync(Kind, created.Draft.DraftId)).Content);
    }

    [Fact]
    public async Task Deleting_removes_the_draft_and_audits()
    {
        var h = new DisclosureServiceHarness();
        var created = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow()), DisclosureServiceHarness.Operator);

        await h.Drafts.DeleteAsync(Kind, created.Draft.DraftId, null, DisclosureServiceHarness.Operator);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Drafts.GetAsync(Kind, created.Draft.DraftId));
        Assert.Equal(404, problem.Status);
        Assert.Equal("disclosure.draft.deleted", h.Audit.Records.Last().Action);
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("draft|x")]
    public async Task Ids_we_never_issue_are_404_without_touching_storage(string draftId)
    {
        var h = new DisclosureServiceHarness();

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Drafts.GetAsync(Kind, draftId));

        Assert.Equal(404, problem.Status);
    }
}
