using Governance.Core.Disclosures;
using Governance.Core.Platform;
using Governance.Core.Problems;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosurePublisherTests
{
    private const string Kind = DisclosureKinds.PlatformRules;

    [Fact]
    public async Task Versions_count_one_two_three_per_kind_and_carry_the_content_hash()
    {
        var h = new DisclosureServiceHarness();

        var first = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(8), "# One\n");
        var second = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(8), "# Two\n");
        var otherKind = await h.PublishAsync(DisclosureKinds.PrivacyPolicy, h.Clock.GetUtcNow().AddDays(8));
        var third = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(9), "# Three\n");

        Assert.Equal([1, 2, 3], new[] { first.Version, second.Version, third.Version });
        Assert.Equal(1, otherKind.Version);
        Assert.Equal(DisclosureHashing.Sha256Hex("# Two\n"), second.Sha256);
        Assert.Equal(VersionStatuses.Scheduled, third.Status);
    }

    [Fact]
    public async Task A_first_version_may_take_effect_at_once_but_not_before_it_is_published()
    {
        var h = new DisclosureServiceHarness();

        var result = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(-30));

        Assert.Equal(VersionStatuses.Effective, result.Status);
        Assert.Equal(h.Clock.GetUtcNow(), result.EffectiveFrom);
        Assert.Equal(result.PublishedAt, result.EffectiveFrom);
    }

    [Fact]
    public async Task Publishing_the_same_draft_twice_is_a_conflict_and_writes_nothing_more()
    {
        var h = new DisclosureServiceHarness();
        var draft = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow()), DisclosureServiceHarness.Operator);
        await h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, DisclosureServiceHarness.Operator);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, DisclosureServiceHarness.Operator));

        Assert.Equal(409, problem.Status);
        Assert.Single(await h.Store.ListVersionsAsync(Kind));
        Assert.Single(h.Store.Events);
    }

    [Fact]
    public async Task Unmet_gates_are_a_422_and_nothing_is_written()
    {
        var h = new DisclosureServiceHarness(size: new PlatformSize(200_000_000, 200_000_000, 200_000_000));
        await h.PublishAsync(Kind, h.Clock.GetUtcNow());
        var request = DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(3), significantImpact: true);
        var draft = await h.Drafts.CreateAsync(Kind, request, DisclosureServiceHarness.Operator);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, DisclosureServiceHarness.Operator));

        Assert.Equal(422, problem.Status);
        Assert.Equal([DisclosureGates.LargePlatform, DisclosureGates.NoticePeriod], problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Single(await h.Store.ListVersionsAsync(Kind));
        Assert.False((await h.Store.GetDraftAsync(Kind, draft.Draft.DraftId))!.IsPublished);
        Assert.Equal(1, (await h.Store.GetCounterAsync(Kind)).LastVersion);
    }

    [Fact]
    public async Task Losing_the_counter_race_retries_with_the_next_number_and_reevaluates_the_gates()
    {
        var h = new DisclosureServiceHarness();
        var draft = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8)), DisclosureServiceHarness.Operator);
        var raced = false;
        h.Store.BeforePublish = store =>
        {
            if (!raced)
            {
                raced = true; // Another publisher takes version 1 between our read of the counter and our commit.
                store.Seed(DisclosureSamples.Version(Kind, 1, h.Clock.GetUtcNow()));
            }

            return Task.CompletedTask;
        };

        var result = await h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, DisclosureServiceHarness.Operator);

        Assert.Equal(2, result.Version);
        Assert.Equal(2, h.Store.PublishAttempts);
        var numbers = (await h.Store.ListVersionsAsync(Kind)).Select(v => v.Version).ToArray();
        Assert.Equal([1, 2], numbers);
    }

    [Fact]
    public async Task Concurrent_publishers_never_share_a_number()
    {
        var h = new DisclosureServiceHarness();
        var drafts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            drafts.Add((await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8), $"# {i}\n"), DisclosureServiceHarness.Operator)).Draft.DraftId);
        }

        h.Store.BeforePublish = _ => Task.Delay(Random.Shared.Next(0, 5));
        var results = await Task.WhenAll(drafts.Select(d => Task.Run(() => h.Publisher.PublishAsync(Kind, d, DisclosureServiceHarness.Operator))));

        Assert.Equal(Enumerable.Range(1, 8), results.Select(r => r.Version).Order());
    }

    [Fact]
    public async Task Publishing_emits_the_event_and_audits_with_the_rule_then_clears_the_pending_flag()
    {
        var h = new DisclosureServiceHarness();

        var result = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(8), "# Evented\n");

        var published = Assert.Single(h.Store.Events);
        Assert.Equal((Kind, result.Version, result.Sha256, VersionStatuses.Scheduled), (published.Kind, published.Version, published.Sha256, published.Status));
        Assert.Equal($"{Kind}/versions/1", published.Subject);
        var audit = Assert.Single(h.Audit.Records, r => r.Action == DisclosureAuditor.PublishedAction);
        Assert.Equal($"disclosures/{Kind}/versions/1", audit.Resource);
        Assert.Equal("disclosure.system", audit.Rule);
        Assert.Equal(result.Sha256, audit.Details!["sha256"]);
        Assert.Equal("op-1", audit.Actor.Id);
        Assert.False((await h.Store.GetVersionAsync(Kind, 1))!.PublishAuditPending);
    }

    [Theory]
    [InlineData("not-a-draft-id")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task An_unknown_draft_is_404(string draftId)
    {
        var h = new DisclosureServiceHarness();

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Publisher.PublishAsync(Kind, draftId, DisclosureServiceHarness.Operator));

        Assert.Equal(404, problem.Status);
    }

    [Fact]
    public async Task An_unknown_kind_is_404()
    {
        var h = new DisclosureServiceHarness();

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Publisher.PublishAsync("cookie-policy", "0123456789abcdef0123456789abcdef", DisclosureServiceHarness.Operator));

        Assert.Equal(404, problem.Status);
    }
}
