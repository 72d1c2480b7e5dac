using System.Globalization;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Security;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Disclosures;

/// <summary>The <c>publish</c> answer.</summary>
public sealed record PublishResult(string Kind, int Version, string Sha256, DateTimeOffset PublishedAt, DateTimeOffset EffectiveFrom, string Status);

/// <summary>
/// Publishes a draft as the kind's next version. The version number comes from the kind's counter row, moved
/// with its ETag in the same single-partition transaction that adds the version and marks the draft published
/// (with the draft's ETag): two publishers can never take the same number, and a draft is published once.
/// The loser of a race re-reads and tries again (or learns that its draft is already published: 409).
/// <para>
/// The transaction also records the publishing operation's id on the draft. Publishing again under the same
/// operation id (a retry with the same <c>Idempotency-Key</c> after the commit, when the answer was lost) is not
/// a second publication: it answers with the version that operation published, as first answered.
/// </para>
/// </summary>
public sealed class DisclosurePublisher(
    IDisclosureStore store,
    IDraftContentStore draftContent,
    IDisclosureContentStore content,
    IPolicyProfileProvider profiles,
    IDisclosurePlatformSize platform,
    DisclosureAuditor auditor,
    DisclosureRenderings renderings,
    TimeProvider time,
    ILogger<DisclosurePublisher> logger)
{
    public const int MaxAttempts = 20;

    public Task<PublishResult> PublishAsync(string kind, string draftId, Caller caller, CancellationToken cancellationToken = default)
        => PublishAsync(kind, draftId, caller, operationId: null, cancellationToken);

    /// <summary>Publishes as operation <paramref name="operationId"/> (a fresh one when null); see the class remarks.</summary>
    public async Task<PublishResult> PublishAsync(string kind, string draftId, Caller caller, string? operationId, CancellationToken cancellationToken = default)
    {
        operationId ??= Guid.NewGuid().ToString("N");
        kind = DisclosureKinds.Require(kind);
        if (!DisclosureDraftService.IsDraftId(draftId))
        {
            throw GovernanceProblem.NotFound($"There is no {kind} draft '{draftId}'.");
        }

        var profile = profiles.Current;
        var size = await platform.GetAsync(cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var draft = await store.GetDraftAsync(kind, draftId, cancellationToken)
                ?? throw GovernanceProblem.NotFound($"There is no {kind} draft '{draftId}'.");
            if (draft.IsPublished)
            {
                if (string.Equals(draft.PublishOperationId, operationId, StringComparison.Ordinal))
                {
                    return await AnswerAgainAsync(draft, caller, cancellationToken);
                }

                throw GovernanceProblem.Conflict($"Draft '{draftId}' is already published as {kind} version {draft.PublishedVersion}; publishing it again is not allowed.");
            }

            var counter = await store.GetCounterAsync(kind, cancellationToken);
            var number = counter.LastVersion + 1;
            var publishedAt = DisclosureClock.Now(time);

            // A first version may take effect at once, but never before it was published.
            var metadata = number == 1 && draft.Metadata.EffectiveFrom < publishedAt
                ? draft.Metadata with { EffectiveFrom = publishedAt }
                : draft.Metadata;

            var unmet = DisclosureGates.Evaluate(new PublishGateInput(kind, number, metadata, publishedAt, profile, size));
            if (unmet.Count > 0)
            {
                throw GovernanceProblem.Unprocessable(
                    $"Version {number} of {kind} cannot be published under policy profile {profile.Id}: {unmet.Count} gate(s) unmet ({string.Join(", ", unmet.Keys)}).",
                    unmet);
            }

            var status = VersionStatuses.At(metadata.EffectiveFrom, publishedAt);
            var version = new DisclosureVersion(
                kind, number, metadata, draft.ContentSha256, draft.ContentLength, publishedAt, caller.Subject ?? "unknown",
                draft.DraftId, profile.Id, status,
                ActivatedAt: status == VersionStatuses.Effective ? publishedAt : null,
                PublishAuditPending: true,
                ActivationAuditPending: false);
            var publishedDraft = draft with
            {
                Status = DraftStatuses.Published,
                PublishedVersion = number,
                UpdatedAt = publishedAt,
                UpdatedBy = caller.Subject ?? "unknown",
                PublishOperationId = operationId,
            };
            var published = new DisclosurePublished(kind, number, metadata.Title, draft.ContentSha256, publishedAt, metadata.EffectiveFrom, status);

            // The text enters the immutable store only now. If the transaction below then loses, the blob is the
            // same content-addressed text a retry publishes; nothing else can ever be stored under its hash.
            await CopyToPublishedAsync(draft.ContentSha256, cancellationToken);

            if (await store.TryPublishAsync(publishedDraft, counter, version, published, cancellationToken))
            {
                await auditor.RecordPublishedAsync(version, AuditActor.From(caller, StaffRoles.Operator), cancellationToken);

                // Best effort, after the commit: a failure here (or a crash) leaves the rendering to the first reader.
                await renderings.PrepareAsync(version, cancellationToken);
                return Answer(version);
            }

            logger.LogInformation("Publishing {Kind} draft {DraftId} as version {Version} lost a race (attempt {Attempt}); retrying.", kind, draftId, number, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
        }

        throw GovernanceProblem.Conflict(string.Create(CultureInfo.InvariantCulture, $"Publishing {kind} kept conflicting with concurrent changes after {MaxAttempts} attempts; retry."));
    }

    /// <summary>The answer a publication gave: its status is the one at publishing time, whatever it is now.</summary>
    private static PublishResult Answer(DisclosureVersion version)
        => new(version.Kind, version.Version, version.Sha256, version.PublishedAt, version.EffectiveFrom, VersionStatuses.At(version.EffectiveFrom, version.PublishedAt));

    /// <summary>A retry of the operation that published <paramref name="draft"/>: audit the publication if that is missing, answer as before.</summary>
    private async Task<PublishResult> AnswerAgainAsync(DisclosureDraft draft, Caller caller, CancellationToken cancellationToken)
    {
        var version = await store.GetVersionAsync(draft.Kind, draft.PublishedVersion ?? 0, cancellationToken)
            ?? throw new InvalidOperationException($"Draft {draft.DraftId} is published as {draft.Kind} version {draft.PublishedVersion}, which does not exist.");
        await auditor.EnsurePublishedAsync(version, AuditActor.From(caller, StaffRoles.Operator), cancellationToken);
        return Answer(version);
    }

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
