using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Governance.Bench;

/// <summary>
/// Counts the table service requests a host makes, by kind: point reads, queries (a <c>$filter</c>: on Azurite a
/// scan of the whole table, in Azure a range of the partition), batches and single-row writes. What one request of
/// the API costs in storage operations, independent of how fast the emulator answers them.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

    public static string Difference(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after, int per)
        => string.Join(", ", after.Where(a => a.Value - before.GetValueOrDefault(a.Key) > 0).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{(a.Value - before.GetValueOrDefault(a.Key)) / (double)per:0.#} {a.Key}"));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var request = message.Request;
        var path = request.Uri.Path;
        var kind = request.Method.Method switch
        {
            "GET" when request.Uri.Query.Contains("filter", StringComparison.OrdinalIgnoreCase) => "queries",
            "GET" when path.Contains('(') => "point reads",
            "GET" => "queries",
            "POST" when path.EndsWith("$batch", StringComparison.Ordinal) => "batches",
            _ => "row writes",
        };
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }
}
