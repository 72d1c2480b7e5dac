using System.Collections.Concurrent;
using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

/// <summary>An in-memory <see cref="IDisclosureRenderingStore"/> with the blob store's no-overwrite rule; a test may fail its writes.</summary>
public sealed class InMemoryRenderingStore : IDisclosureRenderingStore
{
    public ConcurrentDictionary<string, BinaryData> Blobs { get; } = new(StringComparer.Ordinal);

    public bool FailWrites { get; set; }

    public int Reads;

    public Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Reads);
        return Task.FromResult(Blobs.TryGetValue(name, out var bytes) ? bytes : null);
    }

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(Blobs.ContainsKey(name));

    public Task PutAsync(string name, BinaryData bytes, string contentType, CancellationToken cancellationToken = default)
    {
        if (FailWrites)
        {
            throw new InvalidOperationException("Simulated storage outage.");
        }

        Blobs.TryAdd(name, bytes);
        return Task.CompletedTask;
    }
}

/// <summary>The real renderer, counting its calls; a test may make it fail.</summary>
public sealed class CountingRenderer : IDisclosureRenderer
{
    private readonly DisclosureRenderer _inner = new();

    public int HtmlRenders;

    public int Diffs;

    public bool Fail { get; set; }

    public string ContentHtml(string markdown)
    {
        Interlocked.Increment(ref HtmlRenders);
        return Fail ? throw new InvalidOperationException("Simulated renderer failure.") : _inner.ContentHtml(markdown);
    }

    public IReadOnlyList<DiffHunk> Hunks(string oldMarkdown, string newMarkdown)
    {
        Interlocked.Increment(ref Diffs);
        return Fail ? throw new InvalidOperationException("Simulated renderer failure.") : _inner.Hunks(oldMarkdown, newMarkdown);
    }
}
