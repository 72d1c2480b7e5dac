using System.Net;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Disclosures;
using Governance.Core.Events;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Events;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>
/// The disclosure services on the aggregate store and Azurite: what a change commits and owes, races between
/// publishers, operations run again under their id, and work owed after a commit that failed to run.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureStoreTests(GovernanceHostFixture fixture)
{
    private static readonly Caller Operator = Caller.Staff("store-test", [StaffRoles.Operator]);
    private readonly DisclosureApi _api = new(fixture);

    private DisclosureDraftService Drafts => fixture.Services.GetRequiredService<DisclosureDraftService>();

    private DisclosurePublisher Publisher => fixture.Services.GetRequiredService<DisclosurePublisher>();

    private IAuditLog Audit => fixture.Services.GetRequiredService<IAuditLog>();

    private static string Unique(string heading) => $"# {heading}\n\n{Guid.NewGuid():N}\n";

    private Task<DraftWithContent> CreateAsync(string kind, string content, DateTimeOffset? effectiveFrom = null, string? draftId = null, Caller? caller = null)
        => Drafts.CreateAsync(kind, Request(kind, content, effectiveFrom ?? _api.AfterNotice), caller ?? Operator, draftId);

    private static DisclosureDraftRequest Request(string kind, string content, DateTimeOffset effectiveFrom)
        => System.Text.Json.JsonSerializer.Deserialize<DisclosureDraftRequest>(
            System.Text.Json.JsonSerializer.Serialize(DisclosureApi.Draft(kind, "Store test", content, effectiveFrom)), Governance.Core.Json.GovernanceJson.Options)!;

    private async Task<int> EntriesAsync(string resource, string action)
        => (await Audit.QueryAsync(new AuditQuery(null, null, resource, null, AuditLog.MaxPageSize))).Entries.Count(e => e.Action == action);

    [Fact]
    public async Task Concurrent_publishers_of_one_kind_take_distinct_consecutive_versions_each_published_and_audited_once()
    {
        const string kind = DisclosureKinds.PlatformRules;
        var drafts = new List<DraftWithContent>();
        for (var i = 0; i < 8; i++)
        {
            drafts.Add(await CreateAsync(kind, Unique($"Concurrent {i}")));
        }

        var results = await Task.WhenAll(drafts.Select(d => Task.Run(() => Publisher.PublishAsync(kind, d.Draft.DraftId, Operator))));

        var numbers = results.Select(r => r.Version).Order().ToArray();
        Assert.Equal(Enumerable.Range(numbers[0], 8), numbers);
        foreach (var (draft, result) in drafts.Zip(results))
        {
            var version = await fixture.Services.GetRequiredService<IDisclosureRecords>().GetVersionAsync(kind, result.Version);
            Assert.Equal((draft.Draft.DraftId, draft.Draft.ContentSha256), (version!.DraftId, version.Sha256));

            // A publisher whose partition another relay holds leaves its entry to the relay's nudge: owed, then appended.
            var resource = $"disclosures/{kind}/versions/{result.Version}";
            await Eventually.HoldsAsync(async () => await EntriesAsync(resource, DisclosureKind.PublishedAction) > 0, TimeSpan.FromSeconds(30), "the publish entry of " + resource);
            Assert.Equal(1, await EntriesAsync(resource, DisclosureKind.PublishedAction));
        }

        await _api.EnsureCurrentAsync(kind); // no version of these left scheduled for other tests
    }

    [Fact]
    public async Task A_create_run_again_under_its_operation_id_finds_its_draft_and_its_creation_is_audited_once()
    {
        const string kind = DisclosureKinds.PrivacyPolicy;
        var draftId = Guid.NewGuid().ToString("N");
        var content = Unique("Created once");

        var first = await CreateAsync(kind, content, draftId: draftId);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await CreateAsync(kind, content, draftId: draftId);
        var another = await Assert.ThrowsAsync<GovernanceProblem>(() => CreateAsync(kind, content, draftId: draftId, caller: Caller.Staff("someone-else", [StaffRoles.Operator])));

        Assert.Equal(first.Draft, again.Draft);
        Assert.Equal((content, first.Draft.ETag), (again.Content, again.Draft.ETag));
        Assert.Equal(409, another.Status);
        Assert.Single(await Drafts.ListAsync(kind), d => d.DraftId == draftId);
        Assert.Equal(1, await EntriesAsync($"disclosures/{kind}/drafts/{draftId}", DisclosureDraftService.CreatedAction));

        var fresh = await CreateAsync(kind, content);
        Assert.NotEqual(draftId, fresh.Draft.DraftId); // without an operation id every create is a new draft
    }

    [Fact]
    public async Task A_repeated_publish_answers_as_first_answered_even_after_the_version_took_effect()
    {
        const string kind = DisclosureKinds.PrivacyPolicy;
        var draft = await CreateAsync(kind, Unique("Answered again"));
        var operationId = Guid.NewGuid().ToString("N");
        var first = await Publisher.PublishAsync(kind, draft.Draft.DraftId, Operator, operationId);
        Assert.Equal(VersionStatuses.Scheduled, first.Status);

        fixture.Clock.Advance(first.EffectiveFrom - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await fixture.Services.GetRequiredService<DisclosureActivator>().RunAsync();
        var repeated = await Publisher.PublishAsync(kind, draft.Draft.DraftId, Operator, operationId);

        Assert.Equal(first, repeated);
        var stored = await fixture.Services.GetRequiredService<IDisclosureRecords>().GetVersionAsync(kind, first.Version);
        Assert.Equal(VersionStatuses.Effective, stored!.Status);
        var resource = $"disclosures/{kind}/versions/{first.Version}";
        Assert.Equal((1, 1), (await EntriesAsync(resource, DisclosureKind.PublishedAction), await EntriesAsync(resource, "disclosure.effective")));
        var other = await Assert.ThrowsAsync<GovernanceProblem>(() => Publisher.PublishAsync(kind, draft.Draft.DraftId, Operator, Guid.NewGuid().ToString("N")));
        Assert.Equal(409, other.Status);
    }

    [Fact]
    public async Task A_draft_is_changed_only_under_its_current_etag()
    {
        const string kind = DisclosureKinds.PlatformRules;
        var created = await fixture.Client.SendAsync(_api.Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts", DisclosureApi.Draft(kind, "ETag", Unique("ETag"), _api.AfterNotice)));
        var path = $"api/disclosures/{kind}/drafts/{(await DisclosureApi.ReadJsonAsync(created)).GetProperty("draftId").GetString()}";
        var original = created.Headers.ETag!;
        Assert.Equal(original, (await fixture.Client.SendAsync(_api.Staff(HttpMethod.Get, path))).Headers.ETag);

        var put = _api.Staff(HttpMethod.Put, path, DisclosureApi.Draft(kind, "ETag", Unique("ETag changed"), _api.AfterNotice));
        put.Headers.IfMatch.Add(original);
        var updated = await fixture.Client.SendAsync(put);
        var stale = _api.Staff(HttpMethod.Put, path, DisclosureApi.Draft(kind, "ETag", Unique("Lost update"), _api.AfterNotice));
        stale.Headers.IfMatch.Add(original);
        var staleDelete = _api.Staff(HttpMethod.Delete, path);
        staleDelete.Headers.IfMatch.Add(original);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(original, updated.Headers.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await fixture.Client.SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await fixture.Client.SendAsync(staleDelete)).StatusCode);
        var delete = _api.Staff(HttpMethod.Delete, path);
        delete.Headers.IfMatch.Add(updated.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Client.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task A_draft_whose_text_is_only_in_the_published_store_still_reads_and_publishes()
    {
        const string kind = DisclosureKinds.PrivacyPolicy;
        var content = Unique("Older draft");
        var created = await CreateAsync(kind, content);
        await fixture.Services.GetRequiredService<IDisclosureContentStore>().PutAsync(content);
        await fixture.Blobs.GetBlobContainerClient(ContainerNames.DisclosureDrafts).DeleteBlobAsync(BlobDisclosureContentStore.BlobName(created.Draft.ContentSha256));

        Assert.Equal(content, (await Drafts.GetAsync(kind, created.Draft.DraftId)).Content);
        var published = await Publisher.PublishAsync(kind, created.Draft.DraftId, Operator);

        var read = await fixture.Services.GetRequiredService<DisclosureReader>().VersionAsync(kind, published.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(content, read.Content);
    }

    [Fact]
    public async Task Drafts_and_kinds_that_do_not_exist_are_404()
    {
        const string kind = DisclosureKinds.AlgorithmStrategy;
        var missing = Guid.NewGuid().ToString("N");

        foreach (var attempt in new Func<Task>[]
        {
            () => Publisher.PublishAsync("cookie-policy", missing, Operator),
            () => Publisher.PublishAsync(kind, missing, Operator),
            () => Publisher.PublishAsync(kind, "../other", Operator),
            () => Drafts.GetAsync(kind, "ABCDEF0123456789ABCDEF0123456789"),
            () => Drafts.DeleteAsync(kind, missing, null, Operator),
            () => Drafts.UpdateAsync(kind, "draft|x", Request(kind, "# x\n", _api.AfterNotice), null, Operator),
        })
        {
            Assert.Equal(404, (await Assert.ThrowsAsync<GovernanceProblem>(attempt)).Status);
        }
    }

    [Fact]
    public async Task A_rendering_that_fails_after_the_commit_leaves_the_publication_standing_and_the_first_reader_makes_it()
    {
        const string kind = DisclosureKinds.PrivacyPolicy;
        var services = fixture.Services;
        var renderer = new Mock<IDisclosureRenderer>();
        renderer.Setup(r => r.ContentHtml(It.IsAny<string>())).Throws(new InvalidOperationException("renderer down"));
        var failing = ActivatorUtilities.CreateInstance<DisclosureRenderings>(services, renderer.Object, new DisclosureRenderingCache());
        var publisher = ActivatorUtilities.CreateInstance<DisclosurePublisher>(services, failing);
        var draft = await CreateAsync(kind, Unique("Rendered later"));

        var published = await publisher.PublishAsync(kind, draft.Draft.DraftId, Operator);

        var blob = fixture.Blobs.GetBlobContainerClient(ContainerNames.DisclosureRenderings).GetBlobClient(DisclosureRenderings.ContentHtmlName(published.Sha256));
        Assert.False(await blob.ExistsAsync());
        Assert.NotNull(await services.GetRequiredService<IDisclosureRecords>().GetVersionAsync(kind, published.Version));
        await services.GetRequiredService<DisclosureRenderings>().ContentHtmlAsync(published.Sha256);
        Assert.True(await blob.ExistsAsync());
    }

    /// <summary>
    /// Crash reasoning for publishing: the audit entry is owed by the commit itself. Here the entry cannot be
    /// appended right after the commit (the audit log is down once): the publication stands, the entry stays owed in
    /// the kind's partition, and a later relay appends it, once however often it runs. The test's relay and outbox
    /// index are its own (the host's relay never sees them); everything else is the host's.
    /// </summary>
    [Fact]
    public async Task An_audit_entry_that_fails_after_the_commit_stays_owed_and_a_later_relay_appends_it_once()
    {
        const string kind = DisclosureKinds.AlgorithmStrategy;
        var services = fixture.Services;
        var relayClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handlers = services.GetServices<IFollowUpHandler>().ToList();
        var audit = new FailOnce(handlers.Single(h => h.Type == AuditFollowUp.Type));
        var outboxStore = new IsolatedOutboxStore(new TableOutboxStore(fixture.Tables));
        var outbox = new EventOutbox(outboxStore, Mock.Of<IRelayTrigger>(), relayClock, NullLogger<EventOutbox>.Instance);
        var relay = new OutboxRelay(
            outboxStore,
            services.GetRequiredService<IEventPublisher>(),
            new FollowUpDispatcher([audit, .. handlers.Where(h => h.Type != AuditFollowUp.Type)]),
            relayClock,
            Options.Create(new EventsOptions { Relay = new OutboxRelayOptions { BackoffBase = TimeSpan.FromMinutes(1), BackoffMax = TimeSpan.FromMinutes(1) } }),
            NullLogger<OutboxRelay>.Instance);
        var store = new AggregateStore<DisclosureKind>(services.GetRequiredService<DisclosureKindMap>(), fixture.Tables, outbox, relay, services.GetRequiredService<ConflictRetry>(), NullLogger<AggregateStore<DisclosureKind>>.Instance);
        var publisher = ActivatorUtilities.CreateInstance<DisclosurePublisher>(services, store);
        var draft = await CreateAsync(kind, Unique("Audited later"));

        var published = await publisher.PublishAsync(kind, draft.Draft.DraftId, Operator);

        var resource = $"disclosures/{kind}/versions/{published.Version}";
        Assert.Equal(1, audit.Failures);
        Assert.Equal(0, await EntriesAsync(resource, DisclosureKind.PublishedAction));
        var rows = await fixture.Tables.GetTableClient(TableNames.Disclosures)
            .QueryAsync<TableEntity>(e => e.PartitionKey == kind && e.RowKey.CompareTo(OutboxKeys.EventPrefix) >= 0 && e.RowKey.CompareTo(OutboxKeys.EventRangeEnd) < 0)
            .ToListAsync();
        Assert.Contains(rows, r => r.GetString("FollowUpId") == resource + ":published" && r.GetString("Status") == "pending");

        relayClock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(RelayOutcome.Done, (await relay.RelayPartitionAsync(TableNames.Disclosures, kind)).Outcome);
        await relay.RelayPartitionAsync(TableNames.Disclosures, kind);

        Assert.Equal(1, await EntriesAsync(resource, DisclosureKind.PublishedAction));
        Assert.Equal(published.Version, (await services.GetRequiredService<IDisclosureRecords>().GetVersionAsync(kind, published.Version))!.Version);
        await _api.EnsureCurrentAsync(kind);
    }

    /// <summary>A follow-up handler that fails its first run, as an outage would, then runs the real one.</summary>
    private sealed class FailOnce(IFollowUpHandler inner) : IFollowUpHandler
    {
        private int _failures;

        public int Failures => _failures;

        public string Type => inner.Type;

        public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
            => Interlocked.CompareExchange(ref _failures, 1, 0) == 0
                ? throw new InvalidOperationException("Simulated audit log outage.")
                : inner.RunAsync(followUp, cancellationToken);
    }
}
