using System.Globalization;
using Governance.Core.Localization;
using Governance.Core.Problems;

namespace Governance.Core.Disclosures;

/// <summary>
/// The public side: what is in force now (computed from the clock), every version, diffs, the page and the feed.
/// The page's rendered text and the diffs come from <see cref="DisclosureRenderings"/> (made once per text).
/// </summary>
public sealed class DisclosureReader(IDisclosureRecords records, IDisclosureContentStore content, DisclosureRenderings renderings, TimeProvider time)
{
    /// <summary>
    /// Diffs between consecutive versions are always served (made once, then stored). Any other pair is made
    /// and stored only while both texts together are at most this many bytes of UTF-8; past it the request is a
    /// 422, so no reader can make the app keep a large diff for every pair of versions.
    /// </summary>
    public const long MaxNonConsecutiveDiffBytes = 512 * 1024;

    public async Task<PublicIndexView> IndexAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var entries = new List<PublicIndexEntryView>();
        foreach (var kind in DisclosureKinds.All)
        {
            var versions = await records.ListVersionsAsync(kind, cancellationToken);
            var current = DisclosureTimeline.Current(versions, now);
            var next = DisclosureTimeline.Next(versions, now);
            entries.Add(new PublicIndexEntryView(
                kind,
                current?.Version,
                current?.Metadata.Title,
                current?.EffectiveFrom,
                current?.Sha256,
                next is null ? null : new ScheduledVersionView(next.Version, next.Metadata.Title, next.EffectiveFrom)));
        }

        return new PublicIndexView(entries);
    }

    public async Task<PublicVersionView> CurrentAsync(string kind, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var versions = await records.ListVersionsAsync(kind, cancellationToken);
        var current = DisclosureTimeline.Current(versions, time.GetUtcNow())
            ?? throw GovernanceProblem.NotFound(NothingInForce(kind, versions));
        return await ViewAsync(current, versions, cancellationToken);
    }

    public async Task<PublicVersionListView> VersionsAsync(string kind, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var versions = await records.ListVersionsAsync(kind, cancellationToken);
        var now = time.GetUtcNow();
        var current = DisclosureTimeline.Current(versions, now);
        return new PublicVersionListView(kind, versions.Select(v => new PublicVersionSummaryView(
            v.Version, v.Metadata.Title, v.Sha256, v.Metadata.ChangeSummary, v.PublishedAt, v.EffectiveFrom,
            DisclosureTimeline.StatusAt(v, versions, now), v.Version == current?.Version, v.Metadata.Language)).ToList());
    }

    public async Task<PublicVersionView> VersionAsync(string kind, string? version, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var number = ParseVersion(version)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version '{version}'; versions are numbered 1, 2, 3…");
        var versions = await records.ListVersionsAsync(kind, cancellationToken);
        var found = versions.FirstOrDefault(v => v.Version == number)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version {number}.");
        return await ViewAsync(found, versions, cancellationToken);
    }

    public async Task<DiffView> DiffAsync(string kind, string? from, string? to, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var errors = new Validation.ValidationErrors();
        var fromNumber = ParseVersion(from);
        var toNumber = ParseVersion(to);
        if (fromNumber is null)
        {
            errors.Add("from", "is required: a version number (1, 2, 3…).");
        }

        if (toNumber is null)
        {
            errors.Add("to", "is required: a version number (1, 2, 3…).");
        }

        errors.ThrowIfAny();
        var old = await records.GetVersionAsync(kind, fromNumber!.Value, cancellationToken)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version {fromNumber}.");
        var @new = await records.GetVersionAsync(kind, toNumber!.Value, cancellationToken)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version {toNumber}.");
        var consecutive = @new.Version == old.Version + 1;
        if (!consecutive && old.Sha256 != @new.Sha256 && old.ContentLength + @new.ContentLength > MaxNonConsecutiveDiffBytes)
        {
            throw GovernanceProblem.Unprocessable(string.Create(
                CultureInfo.InvariantCulture,
                $"The diff from {kind} version {old.Version} to {@new.Version} is not served: together the two texts are {old.ContentLength + @new.ContentLength} bytes, and a diff between versions that are not consecutive is made only up to {MaxNonConsecutiveDiffBytes} bytes. Diffs between consecutive versions (n to n+1) are always served; follow them from version {old.Version}."));
        }

        var hunks = await renderings.HunksAsync(old.Sha256, @new.Sha256, cancellationToken);
        return new DiffView(kind, old.Version, @new.Version, old.Sha256, @new.Sha256, hunks);
    }

    /// <summary>The HTML page of the version in force, its chrome in <paramref name="locale"/>.</summary>
    public async Task<string> PageAsync(string kind, ReaderLocale locale, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var versions = await records.ListVersionsAsync(kind, cancellationToken);
        var now = time.GetUtcNow();
        var current = DisclosureTimeline.Current(versions, now)
            ?? throw GovernanceProblem.NotFound(NothingInForce(kind, versions));
        var contentHtml = await renderings.ContentHtmlAsync(current.Sha256, cancellationToken);
        return DisclosurePage.Render(new DisclosurePageModel(kind, current, contentHtml, versions, DisclosureTimeline.Next(versions, now), now, locale));
    }

    /// <summary>Atom feed of every published version, newest first, its titles in <paramref name="locale"/>; links are made absolute against <paramref name="disclosuresBase"/> (…/public/disclosures/).</summary>
    public async Task<string> FeedAsync(Uri disclosuresBase, ReaderLocale locale, CancellationToken cancellationToken = default)
    {
        var all = new List<DisclosureVersion>();
        foreach (var kind in DisclosureKinds.All)
        {
            all.AddRange(await records.ListVersionsAsync(kind, cancellationToken));
        }

        return DisclosureFeed.Render(disclosuresBase, all, locale);
    }

    public static int? ParseVersion(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    private async Task<PublicVersionView> ViewAsync(DisclosureVersion v, IReadOnlyList<DisclosureVersion> versions, CancellationToken cancellationToken)
    {
        var m = v.Metadata;
        return new PublicVersionView(
            v.Kind, v.Version, m.Title, await content.GetAsync(v.Sha256, cancellationToken), v.Sha256,
            m.FormulationProcedure, m.AdjudicationProcedure, m.ChangeSummary, v.PublishedAt, v.EffectiveFrom,
            DisclosureTimeline.StatusAt(v, versions, time.GetUtcNow()), m.Algorithm, m.Language);
    }

    private static string NothingInForce(string kind, IReadOnlyList<DisclosureVersion> versions)
        => versions.Count == 0
            ? $"No {kind} version has been published yet."
            : $"No {kind} version is in effect yet; the first takes effect at {DisclosureGates.Iso(versions.Min(v => v.EffectiveFrom))}.";
}
