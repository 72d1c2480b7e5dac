using System.Globalization;
using System.Text;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Timeline;

namespace Governance.Core.Disclosures;

/// <summary>A published version whose effectiveFrom has not come yet: what activation decides and audits.</summary>
/// <param name="Superseded">A later version takes effect no later than this one, so this one never applies.</param>
public sealed record ScheduledVersion(int Version, DateTimeOffset EffectiveFrom, string Sha256, string Profile, bool Superseded = false);

/// <summary>Child record: the draft's row is deleted.</summary>
public sealed record DraftDeleted(string DraftId);

/// <summary>Child record: a version's status and activation time (nothing else of a published version is ever written again).</summary>
public sealed record VersionActivated(int Version, string Status, DateTimeOffset ActivatedAt);

/// <summary>Small summary of a publication on the timeline (<see cref="TimelineKinds.DisclosurePublished"/>).</summary>
public sealed record DisclosurePublishedFact(string Kind, int Version, string Sha256, DateTimeOffset EffectiveFrom, string Status);

/// <summary>
/// One disclosure kind as an aggregate: its state is the version counter and the versions still scheduled; its
/// drafts and versions are child records in the same partition (<see cref="DisclosureKindMap"/>). Every change of
/// the kind (a draft created, changed, deleted or published; scheduled versions activated) rewrites the state row
/// under its ETag, so it commits in one transaction with its child rows, its event and the work it owes (audit
/// entries with deterministic record ids, the timeline fact), and two publishers can never take the same number.
/// Services read a draft and pass it in: since every change of a draft is a change of this state, a decision made
/// on a draft that changed meanwhile loses its commit and is made again on the new one.
/// </summary>
public sealed record DisclosureKind(string Kind, int LastVersion, IReadOnlyList<ScheduledVersion> Scheduled)
{
    public const string DraftCreatedAction = "disclosure.draft.created";
    public const string DraftUpdatedAction = "disclosure.draft.updated";
    public const string DraftDeletedAction = "disclosure.draft.deleted";
    public const string PublishedAction = "disclosure.published";
    public const string ActivationComponent = "disclosure-activation";

    public static Change<DisclosureKind> Open(string kind) => new(new DisclosureKind(kind, 0, []));

    /// <summary>
    /// Adds draft <paramref name="draftId"/>. When it exists already (<paramref name="existing"/>: the same operation
    /// run again, its id is the draft id) nothing changes; a draft of that id created by someone else is a 409.
    /// </summary>
    public Change<DisclosureKind>? CreateDraft(DisclosureDraft? existing, string draftId, DisclosureDraftInput input, string sha256, AuditActor actor, DateTimeOffset now)
    {
        if (existing is not null)
        {
            return string.Equals(existing.CreatedBy, actor.Id, StringComparison.Ordinal)
                ? null
                : throw GovernanceProblem.Conflict($"The {Kind} draft '{draftId}' this request creates belongs to someone else; retry with a new idempotency key.");
        }

        var draft = new DisclosureDraft(Kind, draftId, DraftStatuses.Draft, input.Metadata, sha256, Encoding.UTF8.GetByteCount(input.Content), now, actor.Id, now, actor.Id, null);
        return new Change<DisclosureKind>(this).With(draft).Then(DraftAudit(actor, DraftCreatedAction, draft, "created"));
    }

    public Change<DisclosureKind> UpdateDraft(DisclosureDraft draft, string? ifMatch, DisclosureDraftInput input, string sha256, AuditActor actor, DateTimeOffset now)
    {
        EnsureChangeable(draft, ifMatch);
        var next = draft with
        {
            Metadata = input.Metadata,
            ContentSha256 = sha256,
            ContentLength = Encoding.UTF8.GetByteCount(input.Content),
            UpdatedAt = now,
            UpdatedBy = actor.Id,
            Revision = draft.Revision + 1,
        };
        return new Change<DisclosureKind>(this).With(next).Then(DraftAudit(actor, DraftUpdatedAction, next, "updated:" + next.Revision.ToString(CultureInfo.InvariantCulture)));
    }

    public Change<DisclosureKind> DeleteDraft(DisclosureDraft draft, string? ifMatch, AuditActor actor)
    {
        EnsureChangeable(draft, ifMatch);
        return new Change<DisclosureKind>(this).With(new DraftDeleted(draft.DraftId)).Then(DraftAudit(actor, DraftDeletedAction, draft, "deleted"));
    }

    /// <summary>A published draft never changes (409); <paramref name="ifMatch"/>, when given and not <c>*</c>, must be its ETag (412).</summary>
    public static void EnsureChangeable(DisclosureDraft draft, string? ifMatch)
    {
        if (draft.IsPublished)
        {
            throw GovernanceProblem.Conflict($"Draft '{draft.DraftId}' was published as {draft.Kind} version {draft.PublishedVersion}; a published version can never be changed. Create a new draft instead.");
        }

        var tag = ifMatch?.Trim();
        if (!string.IsNullOrEmpty(tag) && tag != "*" && !string.Equals(tag, draft.ETag, StringComparison.Ordinal))
        {
            throw new GovernanceProblem(412, "Precondition Failed", $"The draft has changed since it was read (If-Match does not match its ETag {draft.ETag}).");
        }
    }

    /// <summary>
    /// Publishes <paramref name="draft"/> as the next version, if every gate of <paramref name="profile"/> is met (else a
    /// 422 listing each unmet gate with its rule and citation). A draft publishes once: again under the operation that
    /// published it (a retry whose answer was lost) is no change, under another one a 409.
    /// </summary>
    public Change<DisclosureKind>? Publish(DisclosureDraft draft, string operationId, PolicyProfile profile, PlatformSize size, AuditActor actor, DateTimeOffset now)
    {
        if (draft.IsPublished)
        {
            return string.Equals(draft.PublishOperationId, operationId, StringComparison.Ordinal)
                ? null
                : throw GovernanceProblem.Conflict($"Draft '{draft.DraftId}' is already published as {Kind} version {draft.PublishedVersion}; publishing it again is not allowed.");
        }

        var number = LastVersion + 1;

        // A first version may take effect at once, but never before it was published.
        var metadata = number == 1 && draft.Metadata.EffectiveFrom < now ? draft.Metadata with { EffectiveFrom = now } : draft.Metadata;
        var unmet = DisclosureGates.Evaluate(new PublishGateInput(Kind, number, metadata, now, profile, size));
        if (unmet.Count > 0)
        {
            throw GovernanceProblem.Unprocessable(
                $"Version {number} of {Kind} cannot be published under policy profile {profile.Id}: {unmet.Count} gate(s) unmet ({string.Join(", ", unmet.Keys)}).",
                unmet);
        }

        var status = VersionStatuses.At(metadata.EffectiveFrom, now);
        var version = new DisclosureVersion(Kind, number, metadata, draft.ContentSha256, draft.ContentLength, now, actor.Id, draft.DraftId, profile.Id, status,
            status == VersionStatuses.Effective ? now : null);

        // Versions still scheduled that this one takes over before they start never apply.
        var scheduled = Scheduled.Select(s => s.EffectiveFrom >= metadata.EffectiveFrom ? s with { Superseded = true } : s).ToList();
        if (status == VersionStatuses.Scheduled)
        {
            scheduled.Add(new ScheduledVersion(number, metadata.EffectiveFrom, version.Sha256, profile.Id));
        }

        var published = new DisclosurePublished(Kind, number, metadata.Title, version.Sha256, now, metadata.EffectiveFrom, status);
        return new Change<DisclosureKind>(this with { LastVersion = number, Scheduled = scheduled })
            .With(version, draft with { Status = DraftStatuses.Published, PublishedVersion = number, UpdatedAt = now, UpdatedBy = actor.Id, PublishOperationId = operationId })
            .Emit(DomainEvent.Create(EventTypes.DisclosurePublished, EventSources.Disclosures, Kind, published, now, subject: published.Subject, id: published.EventId))
            .Then(AuditFollowUp.Of(PublishedRecord(version, actor), Resource(version) + ":published"))
            .Then(TimelineFollowUp.Of(TimelineKinds.DisclosurePublished, published.Subject, now, new DisclosurePublishedFact(Kind, number, version.Sha256, metadata.EffectiveFrom, status)));
    }

    /// <summary>
    /// Records every scheduled version whose effectiveFrom has come as effective (or superseded), each with its audit
    /// entry; null when none is due.
    /// </summary>
    public Change<DisclosureKind>? Activate(DateTimeOffset now)
    {
        var due = Scheduled.Where(s => s.EffectiveFrom <= now).ToList();
        if (due.Count == 0)
        {
            return null;
        }

        var change = new Change<DisclosureKind>(this with { Scheduled = Scheduled.Where(s => s.EffectiveFrom > now).ToList() });
        foreach (var s in due)
        {
            var status = s.Superseded ? VersionStatuses.Superseded : VersionStatuses.Effective;
            var resource = VersionResource(Kind, s.Version);
            var details = Details(Kind, s.Version, s.Sha256, s.EffectiveFrom, status, s.Profile);
            details["activatedAt"] = DisclosureGates.Iso(now);
            change = change
                .With(new VersionActivated(s.Version, status, now))
                .Then(AuditFollowUp.Of(new AuditRecord(AuditActor.System(ActivationComponent), $"disclosure.{status}", resource, "success", PolicyRuleIds.DisclosureSystem, details), resource + ":activated"));
        }

        return change;
    }

    public static string Resource(DisclosureVersion version) => VersionResource(version.Kind, version.Version);

    public static string Resource(DisclosureDraft draft) => $"disclosures/{draft.Kind}/drafts/{draft.DraftId}";

    public static GovernanceProblem DraftNotFound(string kind, string draftId) => GovernanceProblem.NotFound($"There is no {kind} draft '{draftId}'.");

    private static string VersionResource(string kind, int version) => $"disclosures/{kind}/versions/{version.ToString(CultureInfo.InvariantCulture)}";

    private static FollowUp DraftAudit(AuditActor actor, string action, DisclosureDraft draft, string step)
        => AuditFollowUp.Of(
            new AuditRecord(actor, action, Resource(draft), "success", PolicyRuleIds.DisclosureSystem, new Dictionary<string, string>
            {
                ["title"] = draft.Metadata.Title,
                ["contentSha256"] = draft.ContentSha256,
                ["effectiveFrom"] = DisclosureGates.Iso(draft.Metadata.EffectiveFrom),
            }),
            $"{Resource(draft)}:{step}");

    private static AuditRecord PublishedRecord(DisclosureVersion version, AuditActor actor)
    {
        var m = version.Metadata;
        var details = Details(version.Kind, version.Version, version.Sha256, version.EffectiveFrom, version.Status, version.Profile);
        details["publishedAt"] = DisclosureGates.Iso(version.PublishedAt);
        details["draftId"] = version.DraftId;
        details["title"] = m.Title;
        details["significantImpact"] = m.SignificantImpact ? "true" : "false";
        if (m.Assessment is { } a)
        {
            details["assessment"] = $"{a.Agency}, {a.ReportReference}: {a.Conclusion} (report sha256 {a.ReportSha256})";
        }

        if (m.Filing is { } f)
        {
            details["filing"] = $"{f.Authority}, {f.Reference}, accepted {DisclosureGates.Iso(f.AcceptedAt)}";
        }

        return new AuditRecord(actor, PublishedAction, Resource(version), "success", PolicyRuleIds.DisclosureSystem, details);
    }

    private static Dictionary<string, string> Details(string kind, int version, string sha256, DateTimeOffset effectiveFrom, string status, string profile) => new(StringComparer.Ordinal)
    {
        ["kind"] = kind,
        ["version"] = version.ToString(CultureInfo.InvariantCulture),
        ["sha256"] = sha256,
        ["effectiveFrom"] = DisclosureGates.Iso(effectiveFrom),
        ["status"] = status,
        ["profile"] = profile,
    };
}
