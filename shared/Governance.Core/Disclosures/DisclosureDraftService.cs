using System.Text.RegularExpressions;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Security;

namespace Governance.Core.Disclosures;

/// <summary>
/// Staff drafting: create, read, replace and delete drafts, each a change of the kind's aggregate
/// (<see cref="DisclosureKind"/>) committed with its audit entry. Draft text goes to the mutable
/// <see cref="IDraftContentStore"/> first (content-addressed, so a change that never commits leaves only an
/// unreferenced blob); only publishing copies it into the immutable published store.
/// </summary>
public sealed partial class DisclosureDraftService(
    AggregateStore<DisclosureKind> kinds,
    IDisclosureRecords records,
    IDraftContentStore draftContent,
    IDisclosureContentStore content,
    TimeProvider time)
{
    public const string CreatedAction = DisclosureKind.DraftCreatedAction;

    public Task<DraftWithContent> CreateAsync(string kind, DisclosureDraftRequest? request, Caller caller, CancellationToken cancellationToken = default)
        => CreateAsync(kind, request, caller, draftId: null, cancellationToken);

    /// <summary>
    /// Creates a draft with id <paramref name="draftId"/> (a fresh one when null). Safe to run again with the same
    /// id (the operation id of a keyed request): when the draft exists, it is answered again and nothing is written.
    /// </summary>
    public async Task<DraftWithContent> CreateAsync(string kind, DisclosureDraftRequest? request, Caller caller, string? draftId, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        if (draftId is not null && !IsDraftId(draftId))
        {
            throw new ArgumentException("A draft id is 32 lowercase hex digits.", nameof(draftId));
        }

        var id = draftId ?? Guid.NewGuid().ToString("N");
        var input = DisclosureDraftValidator.Validate(kind, request);
        var sha256 = await draftContent.PutAsync(input.Content, cancellationToken);
        DisclosureDraft? answer = null;
        await kinds.CreateAsync(kind, DisclosureKind.Open(kind), cancellationToken);
        await kinds.UpdateAsync(kind, async (state, ct) =>
        {
            var existing = await records.GetDraftAsync(kind, id, ct);
            var change = state.CreateDraft(existing, id, input, sha256, Actor(caller), DisclosureClock.Now(time));
            answer = change?.Children.OfType<DisclosureDraft>().Single() ?? existing;
            return change;
        }, () => DisclosureKind.DraftNotFound(kind, id), cancellationToken);
        return answer!.ContentSha256 == sha256 ? new DraftWithContent(answer, input.Content) : await WithContentAsync(answer, cancellationToken);
    }

    public async Task<DraftWithContent> GetAsync(string kind, string draftId, CancellationToken cancellationToken = default)
        => await WithContentAsync(await RequireDraftAsync(kind, draftId, cancellationToken), cancellationToken);

    /// <summary>
    /// A draft's text: from the draft store, else from the published store (a published draft whose working copy
    /// is gone, or a draft written before drafts had their own container).
    /// </summary>
    internal static async Task<string> ReadTextAsync(IDraftContentStore drafts, IDisclosureContentStore published, string sha256, CancellationToken cancellationToken)
        => await drafts.GetAsync(sha256, cancellationToken) ?? await published.GetAsync(sha256, cancellationToken);

    public async Task<IReadOnlyList<DisclosureDraft>> ListAsync(string kind, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        return (await records.ListDraftsAsync(kind, cancellationToken)).OrderByDescending(d => d.UpdatedAt).ToList();
    }

    /// <summary>Replaces a draft's body. <paramref name="ifMatch"/> (the ETag the client read) is optional.</summary>
    public async Task<DraftWithContent> UpdateAsync(string kind, string draftId, DisclosureDraftRequest? request, string? ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        // A missing, published or changed draft is answered before the body is checked.
        var current = await RequireDraftAsync(kind, draftId, cancellationToken);
        DisclosureKind.EnsureChangeable(current, ifMatch);
        var input = DisclosureDraftValidator.Validate(current.Kind, request);
        var sha256 = await draftContent.PutAsync(input.Content, cancellationToken);
        var updated = await ChangeDraftAsync(current.Kind, draftId, (state, draft) => state.UpdateDraft(draft, ifMatch, input, sha256, Actor(caller), DisclosureClock.Now(time)), cancellationToken);
        return new DraftWithContent(updated!, input.Content);
    }

    public async Task DeleteAsync(string kind, string draftId, string? ifMatch, Caller caller, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        await ChangeDraftAsync(kind, draftId, (state, draft) => state.DeleteDraft(draft, ifMatch, Actor(caller)), cancellationToken);
    }

    /// <summary>Draft ids are ours (32 hex digits); anything else cannot exist and never reaches a table key.</summary>
    public static bool IsDraftId(string? draftId) => draftId is not null && DraftIdPattern().IsMatch(draftId);

    internal async Task<DisclosureDraft> RequireDraftAsync(string kind, string draftId, CancellationToken cancellationToken)
    {
        kind = DisclosureKinds.Require(kind);
        var draft = IsDraftId(draftId) ? await records.GetDraftAsync(kind, draftId, cancellationToken) : null;
        return draft ?? throw DisclosureKind.DraftNotFound(kind, draftId);
    }

    /// <summary>Applies <paramref name="step"/> to the draft as it is when the change commits; returns the draft it writes, if any.</summary>
    private async Task<DisclosureDraft?> ChangeDraftAsync(string kind, string draftId, Func<DisclosureKind, DisclosureDraft, Change<DisclosureKind>> step, CancellationToken cancellationToken)
    {
        DisclosureDraft? written = null;
        await kinds.UpdateAsync(kind, async (state, ct) =>
        {
            var change = step(state, await RequireDraftAsync(kind, draftId, ct));
            written = change.Children.OfType<DisclosureDraft>().SingleOrDefault();
            return change;
        }, () => DisclosureKind.DraftNotFound(kind, draftId), cancellationToken);
        return written;
    }

    private async Task<DraftWithContent> WithContentAsync(DisclosureDraft draft, CancellationToken cancellationToken)
        => new(draft, await ReadTextAsync(draftContent, content, draft.ContentSha256, cancellationToken));

    private static AuditActor Actor(Caller caller) => AuditActor.From(caller, StaffRoles.Operator);

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
