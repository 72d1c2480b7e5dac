using System.Text;
using System.Text.RegularExpressions;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Security;

namespace Governance.Core.Disclosures;

/// <summary>
/// Staff drafting: create, read, replace and delete drafts. Every change is audited. Draft text goes to the
/// mutable <see cref="IDraftContentStore"/>; only publishing copies it into the immutable published store.
/// </summary>
public sealed partial class DisclosureDraftService(
    IDisclosureStore store,
    IDraftContentStore draftContent,
    IDisclosureContentStore content,
    IAuditLog audit,
    TimeProvider time)
{
    public const string CreatedAction = "disclosure.draft.created";

    public Task<DraftWithContent> CreateAsync(string kind, DisclosureDraftRequest? request, Caller caller, CancellationToken cancellationToken = default)
        => CreateAsync(kind, request, caller, draftId: null, cancellationToken);

    /// <summary>
    /// Creates a draft with id <paramref name="draftId"/> (a fresh one when null). Safe to run again with the same
    /// id and request: when the draft exists (a retry of the operation whose id it is, after the row was written
    /// but before the call finished), its creation is audited unless the log has it (record id) and the draft is answered again.
    /// </summary>
    public async Task<DraftWithContent> CreateAsync(string kind, DisclosureDraftRequest? request, Caller caller, string? draftId, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        if (draftId is not null && !IsDraftId(draftId))
        {
            throw new ArgumentException("A draft id is 32 lowercase hex digits.", nameof(draftId));
        }

        var input = DisclosureDraftValidator.Validate(kind, request);
        var sha256 = await draftContent.PutAsync(input.Content, cancellationToken);
        var now = DisclosureClock.Now(time);
        var draft = new DisclosureDraft(
            kind,
            draftId ?? Guid.NewGuid().ToString("N"),
            DraftStatuses.Draft,
            input.Metadata,
            sha256,
            Encoding.UTF8.GetByteCount(input.Content),
            now,
            caller.Subject ?? "unknown",
            now,
            caller.Subject ?? "unknown",
            null);
        if (await store.TryAddDraftAsync(draft, cancellationToken) is { } added)
        {
            await audit.AppendAsync(Created(caller, added), cancellationToken);
            return new DraftWithContent(added, input.Content);
        }

        return await RepeatedCreateAsync(draft, caller, cancellationToken);
    }

    private async Task<DraftWithContent> RepeatedCreateAsync(DisclosureDraft attempted, Caller caller, CancellationToken cancellationToken)
    {
        var existing = await store.GetDraftAsync(attempted.Kind, attempted.DraftId, cancellationToken);
        if (existing is null || !string.Equals(existing.CreatedBy, attempted.CreatedBy, StringComparison.Ordinal))
        {
            throw GovernanceProblem.Conflict($"The {attempted.Kind} draft '{attempted.DraftId}' this request creates was deleted or belongs to someone else; retry with a new idempotency key.");
        }

        await audit.AppendAsync(Created(caller, existing), cancellationToken);
        return new DraftWithContent(existing, await ReadTextAsync(draftContent, content, existing.ContentSha256, cancellationToken));
    }

    public async Task<DraftWithContent> GetAsync(string kind, string draftId, CancellationToken cancellationToken = default)
    {
        var draft = await RequireDraftAsync(kind, draftId, cancellationToken);
        return new DraftWithContent(draft, await ReadTextAsync(draftContent, content, draft.ContentSha256, cancellationToken));
    }

    /// <summary>
    /// A draft's text: from the draft store, else from the published store (a published draft whose working copy
    /// is gone, or a draft written before drafts had their own container).
    /// </summary>
    internal static async Task<string> ReadTextAsync(IDraftContentStore drafts, IDisclosureContentStore published, string sha256, CancellationToken cancellationToken)
        => await drafts.GetAsync(sha256, cancellationToken) ?? await published.GetAsync(sha256, cancellationToken);

    public async Task<IReadOnlyList<DisclosureDraft>> ListAsync(string kind, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        return (await store.ListDraftsAsync(kind, cancellationToken)).OrderByDescending(d => d.UpdatedAt).ToList();
    }

    /// <summary>Replaces a draft's body. <paramref name="ifMatch"/> (the ETag the client read) is optional.</summary>
    public async Task<DraftWithContent> UpdateAsync(string kind, string draftId, DisclosureDraftRequest? request, string? ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        var existing = await RequireChangeableAsync(kind, draftId, ifMatch, cancellationToken);
        var input = DisclosureDraftValidator.Validate(existing.Kind, request);
        var sha256 = await draftContent.PutAsync(input.Content, cancellationToken);
        var changed = existing with
        {
            Metadata = input.Metadata,
            ContentSha256 = sha256,
            ContentLength = Encoding.UTF8.GetByteCount(input.Content),
            UpdatedAt = DisclosureClock.Now(time),
            UpdatedBy = caller.Subject ?? "unknown",
        };
        var saved = await store.TryReplaceDraftAsync(changed, cancellationToken)
            ?? throw await ConcurrentChangeAsync(existing, ifMatch, cancellationToken);
        await AuditAsync(caller, "disclosure.draft.updated", saved, cancellationToken);
        return new DraftWithContent(saved, input.Content);
    }

    public async Task DeleteAsync(string kind, string draftId, string? ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        var existing = await RequireChangeableAsync(kind, draftId, ifMatch, cancellationToken);
        if (!await store.TryDeleteDraftAsync(existing, cancellationToken))
        {
            throw await ConcurrentChangeAsync(existing, ifMatch, cancellationToken);
        }

        await AuditAsync(caller, "disclosure.draft.deleted", existing, cancellationToken);
    }

    /// <summary>Draft ids are ours (32 hex digits); anything else cannot exist and never reaches a table key.</summary>
    public static bool IsDraftId(string? draftId) => draftId is not null && DraftIdPattern().IsMatch(draftId);

    internal async Task<DisclosureDraft> RequireDraftAsync(string kind, string draftId, CancellationToken cancellationToken)
    {
        kind = DisclosureKinds.Require(kind);
        var draft = IsDraftId(draftId) ? await store.GetDraftAsync(kind, draftId, cancellationToken) : null;
        return draft ?? throw GovernanceProblem.NotFound($"There is no {kind} draft '{draftId}'.");
    }

    private async Task<DisclosureDraft> RequireChangeableAsync(string kind, string draftId, string? ifMatch, CancellationToken cancellationToken)
    {
        var draft = await RequireDraftAsync(kind, draftId, cancellationToken);
        if (draft.IsPublished)
        {
            throw PublishedDraft(draft);
        }

        if (!string.IsNullOrWhiteSpace(ifMatch) && ifMatch.Trim() != "*" && !string.Equals(ifMatch.Trim(), draft.ETag, StringComparison.Ordinal))
        {
            throw PreconditionFailed(draft);
        }

        return draft;
    }

    private async Task<GovernanceProblem> ConcurrentChangeAsync(DisclosureDraft existing, string? ifMatch, CancellationToken cancellationToken)
    {
        var now = await store.GetDraftAsync(existing.Kind, existing.DraftId, cancellationToken);
        if (now is null)
        {
            return GovernanceProblem.NotFound($"There is no {existing.Kind} draft '{existing.DraftId}'.");
        }

        if (now.IsPublished)
        {
            return PublishedDraft(now);
        }

        return string.IsNullOrWhiteSpace(ifMatch)
            ? GovernanceProblem.Conflict("The draft was changed by someone else at the same time; read it again and retry.")
            : PreconditionFailed(now);
    }

    private static GovernanceProblem PublishedDraft(DisclosureDraft draft)
        => GovernanceProblem.Conflict($"Draft '{draft.DraftId}' was published as {draft.Kind} version {draft.PublishedVersion}; a published version can never be changed. Create a new draft instead.");

    private static GovernanceProblem PreconditionFailed(DisclosureDraft draft)
        => new(412, "Precondition Failed", $"The draft has changed since it was read (If-Match does not match its ETag {draft.ETag}).");

    private Task AuditAsync(Caller caller, string action, DisclosureDraft draft, CancellationToken cancellationToken)
        => audit.AppendAsync(Record(caller, action, draft), cancellationToken);

    public static string Resource(DisclosureDraft draft) => $"disclosures/{draft.Kind}/drafts/{draft.DraftId}";

    /// <summary>A draft id is created once, so its creation entry is appended once, however often the create is re-run.</summary>
    private static AuditRecord Created(Caller caller, DisclosureDraft draft)
        => Record(caller, CreatedAction, draft) with { RecordId = Resource(draft) + ":created" };

    private static AuditRecord Record(Caller caller, string action, DisclosureDraft draft)
        => new(
            AuditActor.From(caller, StaffRoles.Operator),
            action,
            Resource(draft),
            "success",
            Policies.PolicyRuleIds.DisclosureSystem,
            new Dictionary<string, string>
            {
                ["title"] = draft.Metadata.Title,
                ["contentSha256"] = draft.ContentSha256,
                ["effectiveFrom"] = DisclosureGates.Iso(draft.Metadata.EffectiveFrom),
            });

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex DraftIdPattern();
}

public sealed record DraftWithContent(DisclosureDraft Draft, string Content);

internal static class DisclosureClock
{
    /// <summary>Now, to whole milliseconds, so every store and JSON round trip gives back the same instant.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
