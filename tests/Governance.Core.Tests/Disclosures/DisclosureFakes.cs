using System.Collections.Concurrent;
using Governance.Core.Audit;
using Governance.Core.Disclosures;
using Governance.Core.Platform;
using Governance.Core.Policies;

namespace Governance.Core.Tests.Disclosures;

/// <summary>An in-memory <see cref="IDisclosureStore"/> with the table's conditional-write semantics (ETags, insert conflicts).</summary>
public sealed class InMemoryDisclosureStore : IDisclosureStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Kind, string Id), DisclosureDraft> _drafts = [];
    private readonly Dictionary<(string Kind, int Version), DisclosureVersion> _versions = [];
    private readonly Dictionary<string, VersionCounter> _counters = [];
    private long _etag;

    public List<DisclosurePublished> Events { get; } = [];

    /// <summary>Runs just before a publish transaction is checked: lets a test simulate a concurrent writer.</summary>
    public Func<InMemoryDisclosureStore, Task>? BeforePublish { get; set; }

    public int PublishAttempts { get; private set; }

    public Task<DisclosureDraft?> GetDraftAsync(string kind, string draftId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_drafts.GetValueOrDefault((kind, draftId)));
        }
    }

    public Task<IReadOnlyList<DisclosureDraft>> ListDraftsAsync(string kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DisclosureDraft>>(_drafts.Values.Where(d => d.Kind == kind).ToList());
        }
    }

    public Task<DisclosureDraft?> TryAddDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var stored = draft with { ETag = NextETag() };
            return Task.FromResult(_drafts.TryAdd((draft.Kind, draft.DraftId), stored) ? stored : null);
        }
    }

    public Task<DisclosureDraft?> TryReplaceDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_drafts.TryGetValue((draft.Kind, draft.DraftId), out var existing) || existing.ETag != draft.ETag)
            {
                return Task.FromResult<DisclosureDraft?>(null);
            }

            var stored = draft with { ETag = NextETag() };
            _drafts[(draft.Kind, draft.DraftId)] = stored;
            return Task.FromResult<DisclosureDraft?>(stored);
        }
    }

    public Task<bool> TryDeleteDraftAsync(DisclosureDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_drafts.TryGetValue((draft.Kind, draft.DraftId), out var existing) || existing.ETag != draft.ETag)
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(_drafts.Remove((draft.Kind, draft.DraftId)));
        }
    }

    public Task<VersionCounter> GetCounterAsync(string kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_counters.GetValueOrDefault(kind) ?? new VersionCounter(kind, 0, null));
        }
    }

    public async Task<bool> TryPublishAsync(DisclosureDraft publishedDraft, VersionCounter counter, DisclosureVersion version, DisclosurePublished published, CancellationToken cancellationToken = default)
    {
        PublishAttempts++;
        if (BeforePublish is not null)
        {
            await BeforePublish(this);
        }

        lock (_gate)
        {
            var currentCounter = _counters.GetValueOrDefault(version.Kind);
            var draftOk = _drafts.TryGetValue((publishedDraft.Kind, publishedDraft.DraftId), out var draft) && draft.ETag == publishedDraft.ETag;
            var counterOk = counter.ETag is null ? currentCounter is null : currentCounter?.ETag == counter.ETag;
            if (!draftOk || !counterOk || _versions.ContainsKey((version.Kind, version.Version)))
            {
                return false;
            }

            _counters[version.Kind] = new VersionCounter(version.Kind, version.Version, NextETag());
            _versions[(version.Kind, version.Version)] = version with { ETag = NextETag() };
            _drafts[(publishedDraft.Kind, publishedDraft.DraftId)] = publishedDraft with { ETag = NextETag() };
            Events.Add(published);
            return true;
        }
    }

    public Task<IReadOnlyList<DisclosureVersion>> ListVersionsAsync(string kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DisclosureVersion>>(_versions.Values.Where(v => v.Kind == kind).OrderBy(v => v.Version).ToList());
        }
    }

    public Task<DisclosureVersion?> GetVersionAsync(string kind, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_versions.GetValueOrDefault((kind, version)));
        }
    }

    public Task<DisclosureVersion?> TryUpdateVersionStateAsync(DisclosureVersion version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_versions.TryGetValue((version.Kind, version.Version), out var existing) || existing.ETag != version.ETag)
            {
                return Task.FromResult<DisclosureVersion?>(null);
            }

            // Like the table's Merge of the state columns: nothing else of the stored version changes.
            var stored = existing with
            {
                Status = version.Status,
                ActivatedAt = version.ActivatedAt,
                PublishAuditPending = version.PublishAuditPending,
                ActivationAuditPending = version.ActivationAuditPending,
                ETag = NextETag(),
            };
            _versions[(version.Kind, version.Version)] = stored;
            return Task.FromResult<DisclosureVersion?>(stored);
        }
    }

    /// <summary>Stores a version as if another writer had published it.</summary>
    public void Seed(DisclosureVersion version)
    {
        lock (_gate)
        {
            _versions[(version.Kind, version.Version)] = version with { ETag = NextETag() };
            var last = Math.Max(version.Version, _counters.GetValueOrDefault(version.Kind)?.LastVersion ?? 0);
            _counters[version.Kind] = new VersionCounter(version.Kind, last, NextETag());
        }
    }

    private string NextETag() => "W/\"" + Interlocked.Increment(ref _etag) + "\"";
}

public sealed class InMemoryContentStore : IDisclosureContentStore
{
    private readonly ConcurrentDictionary<string, string> _blobs = new();

    public int Uploads { get; private set; }

    public Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default)
    {
        var sha = DisclosureHashing.Sha256Hex(markdown);
        if (_blobs.TryAdd(sha, markdown))
        {
            Uploads++;
        }

        return Task.FromResult(sha);
    }

    public Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default)
        => Task.FromResult(_blobs.TryGetValue(sha256, out var text) ? text : throw new InvalidOperationException("missing " + sha256));

    public bool Contains(string sha256) => _blobs.ContainsKey(sha256);
}

public sealed class InMemoryDraftContentStore : IDraftContentStore
{
    public ConcurrentDictionary<string, string> Blobs { get; } = new();

    public Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default)
    {
        var sha = DisclosureHashing.Sha256Hex(markdown);
        Blobs[sha] = markdown;
        return Task.FromResult(sha);
    }

    public Task<string?> GetAsync(string sha256, CancellationToken cancellationToken = default)
        => Task.FromResult(Blobs.TryGetValue(sha256, out var text) ? text : null);
}

public sealed class RecordingAuditLog : IAuditLog
{
    public ConcurrentQueue<AuditRecord> Records { get; } = new();

    /// <summary>The next append matching this fails (once), as a storage outage would.</summary>
    public Func<AuditRecord, bool>? FailOnce { get; set; }

    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (FailOnce is { } fail && fail(record))
        {
            FailOnce = null;
            throw new InvalidOperationException("Simulated audit log outage.");
        }

        lock (Records)
        {
            // Like the real log: a record id already appended answers with its entry instead of appending again.
            var appended = Records.ToList();
            var index = record.RecordId is null ? -1 : appended.FindIndex(r => r.RecordId == record.RecordId);
            if (index >= 0)
            {
                return Task.FromResult(Entry(index + 1, appended[index]));
            }

            Records.Enqueue(record);
            return Task.FromResult(Entry(Records.Count, record));
        }
    }

    /// <summary>Filters by resource only (what the services look entries up by); one page.</summary>
    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
        => Task.FromResult(new AuditPage(
            Records.Select((r, i) => Entry(i + 1, r)).Where(e => query.Resource is null || e.Resource == query.Resource).ToList(),
            null));

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private static AuditEntry Entry(long sequence, AuditRecord record)
        => new(sequence, DateTimeOffset.UnixEpoch, record.Actor, record.Action, record.Resource, record.Outcome, record.Rule, "test", record.Details ?? new Dictionary<string, string>(), "", "");
}

public sealed class FixedProfile(string id = "cn-2021-draft") : IPolicyProfileProvider
{
    public PolicyProfile Current { get; } = PolicyProfileLoader.LoadEmbedded(id);
}

public sealed class FixedPlatformSize(PlatformSize size) : IDisclosurePlatformSize
{
    public PlatformSize Size { get; set; } = size;

    public Task<PlatformSize> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Size);
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
            publishedAt ?? effectiveFrom.AddDays(-7), "operator-1", $"draft{number}", "cn-2021-draft", status, null, false, false);
}
