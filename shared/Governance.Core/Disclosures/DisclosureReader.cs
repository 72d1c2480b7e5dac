using System.Globalization;
using Governance.Core.Problems;

namespace Governance.Core.Disclosures;

/// <summary>The public side: what is in force now (computed from the clock), every version, diffs, the page and the feed.</summary>
public sealed class DisclosureReader(IDisclosureStore store, IDisclosureContentStore content, TimeProvider time)
{
    public async Task<PublicIndexView> IndexAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var entries = new List<PublicIndexEntryView>();
        foreach (var kind in DisclosureKinds.All)
        {
            var versions = await store.ListVersionsAsync(kind, cancellationToken);
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
        var versions = await store.ListVersionsAsync(kind, cancellationToken);
        var current = DisclosureTimeline.Current(versions, time.GetUtcNow())
            ?? throw GovernanceProblem.NotFound(NothingInForce(kind, versions));
        return await ViewAsync(current, versions, cancellationToken);
    }

    public async Task<PublicVersionListView> VersionsAsync(string kind, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var versions = await store.ListVersionsAsync(kind, cancellationToken);
        var now = time.GetUtcNow();
        var current = DisclosureTimeline.Current(versions, now);
        return new PublicVersionListView(kind, versions.Select(v => new PublicVersionSummaryView(
            v.Version, v.Metadata.Title, v.Sha256, v.Metadata.ChangeSummary, v.PublishedAt, v.EffectiveFrom,
            DisclosureTimeline.StatusAt(v, versions, now), v.Version == current?.Version)).ToList());
    }

    public async Task<PublicVersionView> VersionAsync(string kind, string? version, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var number = ParseVersion(version)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version '{version}'; versions are numbered 1, 2, 3…");
        var versions = await store.ListVersionsAsync(kind, cancellationToken);
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
        var old = await store.GetVersionAsync(kind, fromNumber!.Value, cancellationToken)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version {fromNumber}.");
        var @new = await store.GetVersionAsync(kind, toNumber!.Value, cancellationToken)
            ?? throw GovernanceProblem.NotFound($"There is no {kind} version {toNumber}.");
        var hunks = DisclosureDiff.Hunks(
            await content.GetAsync(old.Sha256, cancellationToken),
            await content.GetAsync(@new.Sha256, cancellationToken));
        return new DiffView(kind, old.Version, @new.Version, old.Sha256, @new.Sha256, hunks);
    }

    /// <summary>The HTML page of the version in force.</summary>
    public async Task<string> PageAsync(string kind, CancellationToken cancellationToken = default)
    {
        kind = DisclosureKinds.Require(kind);
        var versions = await store.ListVersionsAsync(kind, cancellationToken);
        var now = time.GetUtcNow();
        var current = DisclosureTimeline.Current(versions, now)
            ?? throw GovernanceProblem.NotFound(NothingInForce(kind, versions));
        var markdown = await content.GetAsync(current.Sha256, cancellationToken);
        return DisclosurePage.Render(new DisclosurePageModel(kind, current, DisclosureMarkdown.ToSafeHtml(markdown), versions, DisclosureTimeline.Next(versions, now), now));
    }

    /// <summary>Atom feed of every published version, newest first; links are made absolute against <paramref name="disclosuresBase"/> (…/public/disclosures/).</summary>
    public async Task<string> FeedAsync(Uri disclosuresBase, CancellationToken cancellationToken = default)
    {
        var all = new List<DisclosureVersion>();
        foreach (var kind in DisclosureKinds.All)
        {
            all.AddRange(await store.ListVersionsAsync(kind, cancellationToken));
        }

        return DisclosureFeed.Render(disclosuresBase, all);
    }

    public static int? ParseVersion(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    private async Task<PublicVersionView> ViewAsync(DisclosureVersion v, IReadOnlyList<DisclosureVersion> versions, CancellationToken cancellationToken)
    {
        var m = v.Metadata;
        return new PublicVersionView(
            v.Kind, v.Version, m.Title, await content.GetAsync(v.Sha256, cancellationToken), v.Sha256,
            m.FormulationProcedure, m.AdjudicationProcedure, m.ChangeSummary, v.PublishedAt, v.EffectiveFrom,
            DisclosureTimeline.StatusAt(v, versions, time.GetUtcNow()), m.Algorithm);
    }

    private static string NothingInForce(string kind, IReadOnlyList<DisclosureVersion> versions)
        => versions.Count == 0
            ? $"No {kind} version has been published yet."
            : $"No {kind} version is in effect yet; the first takes effect at {DisclosureGates.Iso(versions.Min(v => v.EffectiveFrom))}.";
}
