using Governance.Core.Audit;
using Governance.Core.Disclosures;
using Governance.Core.Problems;
using Governance.Core.Security;

namespace Governance.Core.Tests.Disclosures;

/// <summary>
/// Writes re-run under the same operation id (a keyed retry after a failure) find what the first attempt did:
/// one draft, one publication, each audited exactly once.
/// </summary>
public sealed class DisclosureRetryTests
{
    private const string Kind = DisclosureKinds.PrivacyPolicy;
    private const string OperationId = "0123456789abcdef0123456789abcdef";
    private static readonly Caller Operator = DisclosureServiceHarness.Operator;

    private static int Entries(DisclosureServiceHarness h, string action, string resource)
        => h.Audit.Records.Count(r => r.Action == action && r.Resource == resource);

    [Fact]
    public async Task A_create_whose_audit_append_failed_is_retried_into_one_draft_and_one_creation_entry()
    {
        var h = new DisclosureServiceHarness();
        var request = DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8));
        h.Audit.FailOnce = r => r.Action == DisclosureDraftService.CreatedAction;

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Drafts.CreateAsync(Kind, request, Operator, OperationId));
        var written = Assert.Single(await h.Drafts.ListAsync(Kind));
        Assert.Equal(0, Entries(h, DisclosureDraftService.CreatedAction, DisclosureDraftService.Resource(written)));

        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var retry = await h.Drafts.CreateAsync(Kind, request, Operator, OperationId);
        var again = await h.Drafts.CreateAsync(Kind, request, Operator, OperationId);

        Assert.Equal(OperationId, retry.Draft.DraftId);
        Assert.Equal(written.CreatedAt, retry.Draft.CreatedAt);
        Assert.Equal(request.Content, retry.Content);
        Assert.Equal(retry.Draft, again.Draft);
        Assert.Single(await h.Drafts.ListAsync(Kind));
        Assert.Equal(1, Entries(h, DisclosureDraftService.CreatedAction, DisclosureDraftService.Resource(retry.Draft)));
    }

    [Fact]
    public async Task Without_an_operation_id_every_create_is_a_new_draft()
    {
        var h = new DisclosureServiceHarness();
        var request = DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8));

        var first = await h.Drafts.CreateAsync(Kind, request, Operator);
        var second = await h.Drafts.CreateAsync(Kind, request, Operator);

        Assert.NotEqual(first.Draft.DraftId, second.Draft.DraftId);
        Assert.Equal(2, (await h.Drafts.ListAsync(Kind)).Count);
        Assert.Equal(2, h.Audit.Records.Count(r => r.Action == DisclosureDraftService.CreatedAction));
    }

    [Fact]
    public async Task Another_callers_draft_under_the_same_id_is_never_answered()
    {
        var h = new DisclosureServiceHarness();
        var request = DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8));
        await h.Drafts.CreateAsync(Kind, request, Operator, OperationId);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Drafts.CreateAsync(Kind, request, Caller.Staff("op-2", [StaffRoles.Operator]), OperationId));

        Assert.Equal(409, problem.Status);
        Assert.Single(h.Audit.Records);
    }

    [Fact]
    public async Task A_publish_retried_after_a_failure_after_its_commit_answers_the_same_version_and_audits_once()
    {
        var h = new DisclosureServiceHarness();
        var draft = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8)), Operator);
        h.Audit.FailOnce = r => r.Action == DisclosureAuditor.PublishedAction;

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, Operator, OperationId));
        var committed = Assert.Single(await h.Store.ListVersionsAsync(Kind));
        Assert.True(committed.PublishAuditPending);

        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var retry = await h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, Operator, OperationId);

        Assert.Equal(new PublishResult(Kind, 1, draft.Draft.ContentSha256, committed.PublishedAt, committed.EffectiveFrom, VersionStatuses.Scheduled), retry);
        Assert.Single(await h.Store.ListVersionsAsync(Kind));
        Assert.Single(h.Store.Events);
        Assert.Equal(1, Entries(h, DisclosureAuditor.PublishedAction, DisclosureAuditor.Resource(committed)));
        Assert.False((await h.Store.GetVersionAsync(Kind, 1))!.PublishAuditPending);
    }

    [Fact]
    public async Task A_repeated_publish_answers_as_first_answered_even_after_the_version_took_effect()
    {
        var h = new DisclosureServiceHarness();
        await h.PublishAsync(Kind, h.Clock.GetUtcNow());
        var draft = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow().AddDays(8)), Operator);
        var first = await h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, Operator, OperationId);
        Assert.Equal(VersionStatuses.Scheduled, first.Status);

        h.Clock.Advance(TimeSpan.FromDays(9));
        await h.Activator.RunAsync();
        var repeated = await h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, Operator, OperationId);

        Assert.Equal(VersionStatuses.Effective, (await h.Store.GetVersionAsync(Kind, 2))!.Status);
        Assert.Equal(first, repeated);
        Assert.Equal(2, (await h.Store.ListVersionsAsync(Kind)).Count);
        Assert.Equal(2, h.Audit.Records.Count(r => r.Action == DisclosureAuditor.PublishedAction));
    }

    [Fact]
    public async Task Publishing_a_published_draft_under_another_operation_is_still_a_conflict()
    {
        var h = new DisclosureServiceHarness();
        var draft = await h.Drafts.CreateAsync(Kind, DisclosureSamples.Request(Kind, h.Clock.GetUtcNow()), Operator);
        await h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, Operator, OperationId);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => h.Publisher.PublishAsync(Kind, draft.Draft.DraftId, Operator, "fedcba9876543210fedcba9876543210"));

        Assert.Equal(409, problem.Status);
        Assert.Single(await h.Store.ListVersionsAsync(Kind));
    }

    [Fact]
    public async Task The_timer_clears_a_pending_publish_audit_already_in_the_log_without_appending_it_again()
    {
        var h = new DisclosureServiceHarness();
        var version = DisclosureSamples.Version(Kind, 1, h.Clock.GetUtcNow().AddDays(1), publishedAt: h.Clock.GetUtcNow()) with { PublishAuditPending = true };
        h.Store.Seed(version);
        await h.Audit.AppendAsync(new AuditRecord(DisclosureAuditor.Publisher(version), DisclosureAuditor.PublishedAction, DisclosureAuditor.Resource(version), "success")
        {
            RecordId = DisclosureAuditor.PublishedRecordId(version), // as the publisher appends it before it crashes
        });

        h.Clock.Advance(DisclosureActivator.AuditRepairDelay);
        await h.Activator.RunAsync();

        Assert.Single(h.Audit.Records, r => r.Action == DisclosureAuditor.PublishedAction);
        Assert.False((await h.Store.GetVersionAsync(Kind, 1))!.PublishAuditPending);
    }
}
