using System.Text.Json;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Disclosures;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Tests.Disclosures;

/// <summary>The disclosure kind's transitions, without storage: what each change writes, emits and owes, and what it refuses.</summary>
public sealed class DisclosureKindTests
{
    private const string Kind = DisclosureKinds.PlatformRules;
    private static readonly DateTimeOffset T = DisclosureSamples.Start;
    private static readonly AuditActor Operator = AuditActor.Staff("op-1", "operator");
    private static readonly PolicyProfile Profile = PolicyProfileLoader.LoadEmbedded("cn-2021-draft");
    private static readonly DisclosureKind Empty = DisclosureKind.Open(Kind).State;

    private static DisclosureDraftInput Input(DateTimeOffset effectiveFrom, string content = "# Rules\n\nText.\n", bool significantImpact = false)
        => DisclosureDraftValidator.Validate(Kind, DisclosureSamples.Request(Kind, effectiveFrom, content, significantImpact));

    private static DisclosureDraft Draft(DisclosureKind state, string id, DateTimeOffset effectiveFrom, string content = "# Rules\n\nText.\n", bool significantImpact = false)
        => Written<DisclosureDraft>(state.CreateDraft(null, id, Input(effectiveFrom, content, significantImpact), DisclosureHashing.Sha256Hex(content), Operator, T)!);

    private static T Written<T>(Change<DisclosureKind> change) => change.Children.OfType<T>().Single();

    /// <summary>Publishes a fresh draft on <paramref name="state"/> at <paramref name="now"/>.</summary>
    private static Change<DisclosureKind> Publish(DisclosureKind state, DateTimeOffset effectiveFrom, DateTimeOffset? now = null, string content = "# Rules\n\nText.\n")
        => state.Publish(Draft(state, Guid.NewGuid().ToString("N"), effectiveFrom, content), "op-" + Guid.NewGuid().ToString("N"), Profile, PlatformSize.Unknown, Operator, now ?? T)!;

    [Fact]
    public void Creating_a_draft_writes_it_and_owes_its_creation_entry_once_per_draft_id()
    {
        var change = Empty.CreateDraft(null, "d1", Input(T.AddDays(8)), "sha", Operator, T)!;

        Assert.Equal(Empty, change.State);
        var draft = Written<DisclosureDraft>(change);
        Assert.Equal((DraftStatuses.Draft, "op-1", 1), (draft.Status, draft.CreatedBy, draft.Revision));
        var audit = Assert.Single(change.FollowUps);
        Assert.Equal((AuditFollowUp.Type, $"disclosures/{Kind}/drafts/d1:created"), (audit.Type, audit.Id));
        var record = audit.Read<AuditRecord>();
        Assert.Equal((DisclosureKind.DraftCreatedAction, "operator", "sha"), (record.Action, record.Actor.Role, record.Details!["contentSha256"]));
        Assert.Empty(change.Events);
    }

    [Fact]
    public void A_create_run_again_by_its_creator_changes_nothing_and_another_callers_draft_under_that_id_is_a_409()
    {
        var existing = Draft(Empty, "d1", T.AddDays(8));

        Assert.Null(Empty.CreateDraft(existing, "d1", Input(T.AddDays(8)), "sha", Operator, T.AddSeconds(5)));
        var problem = Assert.Throws<GovernanceProblem>(() => Empty.CreateDraft(existing, "d1", Input(T.AddDays(8)), "sha", AuditActor.Staff("op-2", "operator"), T));
        Assert.Equal(409, problem.Status);
    }

    [Fact]
    public void Updating_a_draft_replaces_its_body_with_a_new_revision_etag_and_entry()
    {
        var draft = Draft(Empty, "d1", T.AddDays(8));

        var change = Empty.UpdateDraft(draft, draft.ETag, Input(T.AddDays(9), "# Changed\n"), "sha2", Operator, T.AddMinutes(1));

        var updated = Written<DisclosureDraft>(change);
        Assert.Equal(("sha2", 2, T.AddMinutes(1), T.AddDays(9)), (updated.ContentSha256, updated.Revision, updated.UpdatedAt, updated.Metadata.EffectiveFrom));
        Assert.NotEqual(draft.ETag, updated.ETag);
        Assert.Matches("^\"[0-9a-f]{32}\"$", updated.ETag);
        Assert.Equal($"disclosures/{Kind}/drafts/d1:updated:2", Assert.Single(change.FollowUps).Id);
        Assert.Equal(DisclosureKind.DraftUpdatedAction, change.FollowUps[0].Read<AuditRecord>().Action);
    }

    [Fact]
    public void A_stale_if_match_is_a_412_and_a_star_or_none_matches_any_version()
    {
        var draft = Draft(Empty, "d1", T.AddDays(8));
        var stale = Written<DisclosureDraft>(Empty.UpdateDraft(draft, null, Input(T.AddDays(8), "# Second\n"), "sha2", Operator, T));

        Assert.Equal(412, Assert.Throws<GovernanceProblem>(() => Empty.UpdateDraft(stale, draft.ETag, Input(T.AddDays(8)), "sha3", Operator, T)).Status);
        Assert.Equal(412, Assert.Throws<GovernanceProblem>(() => Empty.DeleteDraft(stale, draft.ETag, Operator)).Status);
        Assert.NotNull(Empty.UpdateDraft(stale, " * ", Input(T.AddDays(8)), "sha3", Operator, T));
        Assert.NotNull(Empty.DeleteDraft(stale, stale.ETag, Operator));
    }

    [Fact]
    public void Deleting_a_draft_removes_its_row_and_owes_its_entry()
    {
        var change = Empty.DeleteDraft(Draft(Empty, "d1", T.AddDays(8)), null, Operator);

        Assert.Equal(new DraftDeleted("d1"), Assert.Single(change.Children));
        Assert.Equal($"disclosures/{Kind}/drafts/d1:deleted", Assert.Single(change.FollowUps).Id);
    }

    [Fact]
    public void Publishing_moves_the_counter_writes_the_version_and_the_published_draft_emits_the_event_and_owes_the_audit_entry_and_the_timeline_fact()
    {
        var state = Publish(Empty, T).State;
        var draft = Draft(state, "d2", T.AddDays(8), "# Two\n");

        var change = state.Publish(draft, "op-7", Profile, PlatformSize.Unknown, Operator, T.AddHours(1))!;

        Assert.Equal(2, change.State.LastVersion);
        var version = Written<DisclosureVersion>(change);
        Assert.Equal((2, DisclosureHashing.Sha256Hex("# Two\n"), VersionStatuses.Scheduled, (DateTimeOffset?)null, "op-1", "cn-2021-draft"),
            (version.Version, version.Sha256, version.Status, version.ActivatedAt, version.PublishedBy, version.Profile));
        var published = Written<DisclosureDraft>(change);
        Assert.Equal((DraftStatuses.Published, (int?)2, "op-7"), (published.Status, published.PublishedVersion, published.PublishOperationId));

        var domainEvent = Assert.Single(change.Events);
        Assert.Equal((EventTypes.DisclosurePublished, EventSources.Disclosures, $"disclosure-{Kind}-v2", $"{Kind}/versions/2", Kind),
            (domainEvent.Type, domainEvent.Source, domainEvent.Id, domainEvent.Subject, domainEvent.AggregateId));
        var data = JsonSerializer.Deserialize<DisclosurePublished>(domainEvent.Data.ToMemory().Span, GovernanceJson.Options)!;
        Assert.Equal(new DisclosurePublished(Kind, 2, "Rules", version.Sha256, T.AddHours(1), T.AddDays(8), VersionStatuses.Scheduled), data);

        var audit = Assert.Single(change.FollowUps, f => f.Type == AuditFollowUp.Type);
        Assert.Equal($"disclosures/{Kind}/versions/2:published", audit.Id);
        var record = audit.Read<AuditRecord>();
        Assert.Equal((DisclosureKind.PublishedAction, PolicyRuleIds.DisclosureSystem, "op-1", version.Sha256, "d2"),
            (record.Action, record.Rule, record.Actor.Id, record.Details!["sha256"], record.Details["draftId"]));
        var timeline = Assert.Single(change.FollowUps, f => f.Type == IndexFollowUp.Type).Read<IndexRow>();
        Assert.Equal(TableNames.Timeline, timeline.Table);
        Assert.StartsWith(TimelineKinds.DisclosurePublished + "|", timeline.RowKey, StringComparison.Ordinal);
        Assert.Equal([new ScheduledVersion(2, T.AddDays(8), version.Sha256, "cn-2021-draft")], change.State.Scheduled);
    }

    [Fact]
    public void Versions_count_one_two_three_per_kind()
    {
        var first = Publish(Empty, T);
        var second = Publish(first.State, T.AddDays(8));
        var third = Publish(second.State, T.AddDays(9));
        var otherKind = DisclosureKind.Open(DisclosureKinds.PrivacyPolicy).State;

        Assert.Equal([1, 2, 3], new[] { first, second, third }.Select(c => Written<DisclosureVersion>(c).Version));
        Assert.Equal(0, otherKind.LastVersion);
    }

    [Fact]
    public void A_first_version_may_take_effect_at_once_but_not_before_it_is_published()
    {
        var change = Publish(Empty, T.AddDays(-30), now: T);

        var version = Written<DisclosureVersion>(change);
        Assert.Equal((VersionStatuses.Effective, T, (DateTimeOffset?)T), (version.Status, version.EffectiveFrom, version.ActivatedAt));
        Assert.Empty(change.State.Scheduled);
    }

    [Fact]
    public void A_published_draft_never_changes_and_publishes_once_but_its_own_operation_run_again_is_no_change()
    {
        var draft = Draft(Empty, "d1", T);
        var published = Written<DisclosureDraft>(Empty.Publish(draft, "op-1", Profile, PlatformSize.Unknown, Operator, T)!);
        var state = Empty with { LastVersion = 1 };

        Assert.Null(state.Publish(published, "op-1", Profile, PlatformSize.Unknown, Operator, T.AddSeconds(5)));
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => state.Publish(published, "op-2", Profile, PlatformSize.Unknown, Operator, T)).Status);
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => state.UpdateDraft(published, null, Input(T), "sha", Operator, T)).Status);
        Assert.Equal(409, Assert.Throws<GovernanceProblem>(() => state.DeleteDraft(published, null, Operator)).Status);
    }

    [Fact]
    public void Unmet_gates_are_a_422_listing_every_gate_with_its_rule()
    {
        var state = Publish(Empty, T).State;
        var draft = Draft(state, "d2", T.AddDays(3), significantImpact: true);

        var problem = Assert.Throws<GovernanceProblem>(() => state.Publish(draft, "op-2", Profile, new PlatformSize(200_000_000, 200_000_000, 200_000_000), Operator, T));

        Assert.Equal(422, problem.Status);
        Assert.Equal([DisclosureGates.LargePlatform, DisclosureGates.NoticePeriod], problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(problem.Errors[DisclosureGates.NoticePeriod], m => Assert.Contains(PolicyRuleIds.DisclosureNoticePeriod, m, StringComparison.Ordinal));
    }

    [Fact]
    public void A_publisher_that_lost_the_number_to_another_decides_again_with_the_next_number_and_its_gates()
    {
        var draft = Draft(Empty, "d1", T);
        Assert.Equal(1, Written<DisclosureVersion>(Empty.Publish(draft, "op-1", Profile, PlatformSize.Unknown, Operator, T)!).Version);

        // Another publisher committed version 1 first: on the new state this draft is version 2, which needs notice.
        var raced = Publish(Empty, T).State;
        var problem = Assert.Throws<GovernanceProblem>(() => raced.Publish(draft, "op-1", Profile, PlatformSize.Unknown, Operator, T));
        Assert.Equal([DisclosureGates.NoticePeriod], problem.Errors!.Keys.ToArray());
        var later = Draft(raced, "d3", T.AddDays(8));
        Assert.Equal(2, Written<DisclosureVersion>(raced.Publish(later, "op-3", Profile, PlatformSize.Unknown, Operator, T)!).Version);
    }

    [Fact]
    public void A_scheduled_version_is_activated_once_when_its_time_comes_with_its_entry()
    {
        var state = Publish(Publish(Empty, T).State, T.AddDays(8)).State;

        Assert.Null(state.Activate(T.AddDays(8).AddMilliseconds(-1)));
        var change = state.Activate(T.AddDays(8))!;

        Assert.Equal(new VersionActivated(2, VersionStatuses.Effective, T.AddDays(8)), Assert.Single(change.Children));
        var audit = Assert.Single(change.FollowUps);
        Assert.Equal($"disclosures/{Kind}/versions/2:activated", audit.Id);
        var record = audit.Read<AuditRecord>();
        Assert.Equal(("disclosure.effective", AuditActor.System(DisclosureKind.ActivationComponent), "2026-03-09T09:00:00.000Z"), (record.Action, record.Actor, record.Details!["activatedAt"]));
        Assert.Empty(change.State.Scheduled);
        Assert.Null(change.State.Activate(T.AddDays(9)));
    }

    [Fact]
    public void A_scheduled_version_overtaken_by_a_later_one_is_activated_as_superseded()
    {
        var state = Publish(Empty, T).State;
        state = Publish(state, T.AddDays(30)).State;
        state = Publish(state, T.AddDays(8)).State;

        var first = state.Activate(T.AddDays(8))!;
        var second = first.State.Activate(T.AddDays(31))!;

        Assert.Equal([new VersionActivated(3, VersionStatuses.Effective, T.AddDays(8))], first.Children);
        Assert.Equal([new VersionActivated(2, VersionStatuses.Superseded, T.AddDays(31))], second.Children);
        Assert.Equal("disclosure.superseded", Assert.Single(second.FollowUps).Read<AuditRecord>().Action);
    }
}
