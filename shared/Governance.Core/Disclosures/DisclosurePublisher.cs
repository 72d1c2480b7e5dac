using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Security;

namespace Governance.Core.Disclosures;

/// <summary>The <c>publish</c> answer.</summary>
public sealed record PublishResult(string Kind, int Version, string Sha256, DateTimeOffset PublishedAt, DateTimeOffset EffectiveFrom, string Status);

/// <summary>
/// Publishes a draft as the kind's next version: one change of the kind's aggregate (<see cref="DisclosureKind.Publish"/>)
/// that moves its counter, adds the version, marks the draft published under the operation's id and records the
/// <c>governance.disclosure.published</c> event, the audit entry and the timeline fact, in one transaction. A lost
/// race is decided again on the new state (the next number, the gates evaluated again) by the aggregate store.
/// <para>
/// Publishing again under the same operation id (a retry with the same <c>Idempotency-Key</c> after the commit,
/// when the answer was lost) is not a second publication: it answers with the version that operation published,
/// as first answered. Renderings are made right after the commit as a best effort (they are a cache).
/// </para>
/// </summary>
public sealed class DisclosurePublisher(
    AggregateStore<DisclosureKind> kinds,
    IDisclosureRecords records,
    IDraftContentStore draftContent,
    IDisclosureContentStore content,
    IPolicyProfileProvider profiles,
    IDisclosurePlatformSize platform,
    DisclosureRenderings renderings,
    TimeProvider time)
{
    public Task<PublishResult> PublishAsync(string kind, string draftId, Caller caller, CancellationToken cancellationToken = default)
        => PublishAsync(kind, draftId, caller, operationId: null, cancellationToken);

    /// <summary>Publishes as operation <paramref name="operationId"/> (a fresh one when null); see the class remarks.</summary>
    public async Task<PublishResult> PublishAsync(string kind, string draftId, Caller caller, string? operationId, CancellationToken cancellationToken = default)
    {
        operationId ??= Guid.NewGuid().ToString("N");
        kind = DisclosureKinds.Require(kind);
        if (!DisclosureDraftService.IsDraftId(draftId))
        {
            throw DisclosureKind.DraftNotFound(kind, draftId);
        }

        var profile = profiles.Current;
        var size = await platform.GetAsync(cancellationToken);
        DisclosureDraft? draft = null;
        DisclosureVersion? published = null;
        string? copied = null;
        await kinds.UpdateAsync(kind, async (state, ct) =>
        {
            draft = await records.GetDraftAsync(kind, draftId, ct) ?? throw DisclosureKind.DraftNotFound(kind, draftId);
            var change = state.Publish(draft, operationId, profile, size, AuditActor.From(caller, StaffRoles.Operator), DisclosureClock.Now(time));
            published = change?.Children.OfType<DisclosureVersion>().Single();
            if (published is not null && published.Sha256 != copied)
            {
                // The text enters the immutable store only now. If the commit then loses, the blob is the same
                // content-addressed text a retry publishes; nothing else can ever be stored under its hash.
                await CopyToPublishedAsync(published.Sha256, ct);
                copied = published.Sha256;
            }

            return change;
        }, () => DisclosureKind.DraftNotFound(kind, draftId), cancellationToken);

        if (published is null)
        {
            var again = await records.GetVersionAsync(kind, draft!.PublishedVersion ?? 0, cancellationToken)
                ?? throw new InvalidOperationException($"Draft {draftId} is published as {kind} version {draft.PublishedVersion}, which does not exist.");
            return Answer(again);
        }

        await renderings.PrepareAsync(published, cancellationToken);
        return Answer(published);
    }

    /// <summary>The answer a publication gave: its status is the one at publishing time, whatever it is now.</summary>
    private static PublishResult Answer(DisclosureVersion version)
        => new(version.Kind, version.Version, version.Sha256, version.PublishedAt, version.EffectiveFrom, VersionStatuses.At(version.EffectiveFrom, version.PublishedAt));

    private async Task CopyToPublishedAsync(string sha256, CancellationToken cancellationToken)
    {
        var text = await DisclosureDraftService.ReadTextAsync(draftContent, content, sha256, cancellationToken);
        var stored = await content.PutAsync(text, cancellationToken);
        if (!string.Equals(stored, sha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Draft text {sha256} hashed to {stored} when published.");
        }
    }
}
