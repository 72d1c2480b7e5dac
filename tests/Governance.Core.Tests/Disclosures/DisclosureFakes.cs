using System.Collections.Concurrent;
using Governance.Core.Disclosures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Core.Tests.Disclosures;

/// <summary>Versions held in memory, as the table's read model answers them (drafts are never read by the public side).</summary>
public sealed class InMemoryDisclosureRecords : IDisclosureRecords
{
    private readonly ConcurrentDictionary<(string Kind, int Version), DisclosureVersion> _versions = new();

    public void Add(DisclosureVersion version) => _versions[(version.Kind, version.Version)] = version;

    public Task<DisclosureDraft?> GetDraftAsync(string kind, string draftId, CancellationToken cancellationToken = default)
        => Task.FromResult<DisclosureDraft?>(null);

    public Task<IReadOnlyList<DisclosureDraft>> ListDraftsAsync(string kind, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<DisclosureDraft>>([]);

    public Task<IReadOnlyList<DisclosureVersion>> ListVersionsAsync(string kind, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<DisclosureVersion>>(_versions.Values.Where(v => v.Kind == kind).OrderBy(v => v.Version).ToList());

    public Task<DisclosureVersion?> GetVersionAsync(string kind, int version, CancellationToken cancellationToken = default)
        => Task.FromResult(_versions.GetValueOrDefault((kind, version)));
}

public sealed class InMemoryContentStore : IDisclosureContentStore
{
    private readonly ConcurrentDictionary<string, string> _blobs = new();

    public Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default)
    {
        var sha = DisclosureHashing.Sha256Hex(markdown);
        _blobs.TryAdd(sha, markdown);
        return Task.FromResult(sha);
    }

    public Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default)
        => Task.FromResult(_blobs.TryGetValue(sha256, out var text) ? text : throw new InvalidOperationException("missing " + sha256));
}

public static class DisclosureSamples
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DisclosureDraftRequest Request(string kind, DateTimeOffset effectiveFrom, string content = "# Rules\n\nText.\n", bool significantImpact = false) => new()
    {
        Title = "Rules",
        Content = content,
        FormulationProcedure = "Consultation, then board decision.",
        AdjudicationProcedure = "Dispute panel, then appeal.",
        ChangeSummary = "Changes.",
        EffectiveFrom = effectiveFrom.ToString("O"),
        SignificantImpact = significantImpact,
        Algorithm = kind == DisclosureKinds.AlgorithmStrategy
            ? new AlgorithmRequest
            {
                Name = "Ranking",
                Purpose = "Orders the feed.",
                MainParameters = [new AlgorithmParameterRequest { Name = "clicks", Description = "Recent clicks." }],
                PersonalizationOptOut = true,
            }
            : null,
    };

    public static DisclosureMetadata Metadata(DateTimeOffset effectiveFrom, bool significantImpact = false, Assessment? assessment = null, Filing? filing = null, AlgorithmDisclosure? algorithm = null)
        => new("Rules", "Consultation.", "Panel.", "Changes.", effectiveFrom, significantImpact, assessment, filing, algorithm);

    public static DisclosureVersion Version(string kind, int number, DateTimeOffset effectiveFrom, DateTimeOffset? publishedAt = null, string status = VersionStatuses.Scheduled, string? sha256 = null)
        => new(kind, number, Metadata(effectiveFrom) with { Title = $"Version {number}" }, sha256 ?? new string((char)('a' + number % 6), 64), 10,
            publishedAt ?? effectiveFrom.AddDays(-7), "operator-1", $"draft{number}", "cn-2021-draft", status, null);
}

/// <summary>
/// The public side (reader, renderings) on in-memory storage. <see cref="PublishAsync"/> does what publishing does
/// once its change has committed: the text is in the published store, the version is readable, and
/// <see cref="DisclosureRenderings.PrepareAsync"/> runs.
/// </summary>
public sealed class DisclosureReadHarness
{
    public DisclosureReadHarness()
    {
        Renderings = NewRenderings();
        Reader = new DisclosureReader(Records, Content, Renderings, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(DisclosureSamples.Start);

    public InMemoryDisclosureRecords Records { get; } = new();

    public InMemoryContentStore Content { get; } = new();

    public InMemoryRenderingStore RenderingStore { get; } = new();

    public CountingRenderer Renderer { get; } = new();

    public DisclosureRenderings Renderings { get; }

    public DisclosureReader Reader { get; }

    /// <summary>Another instance: the same storage, an empty memory cache.</summary>
    public DisclosureRenderings NewRenderings() => new(Records, Content, RenderingStore, Renderer, new DisclosureRenderingCache(), NullLogger<DisclosureRenderings>.Instance);

    public DisclosureReader NewReader() => new(Records, Content, NewRenderings(), Clock);

    public async Task<DisclosureVersion> PublishAsync(string kind, DateTimeOffset effectiveFrom, string content)
    {
        var number = (await Records.ListVersionsAsync(kind)).Count + 1;
        var now = Clock.GetUtcNow();
        var version = DisclosureSamples.Version(kind, number, effectiveFrom < now ? now : effectiveFrom, publishedAt: now, sha256: await Content.PutAsync(content))
            with { ContentLength = System.Text.Encoding.UTF8.GetByteCount(content) };
        Records.Add(version);
        await Renderings.PrepareAsync(version);
        return version;
    }
}
