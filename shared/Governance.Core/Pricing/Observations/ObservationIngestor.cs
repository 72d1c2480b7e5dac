using Governance.Core.Pricing.Segments;

namespace Governance.Core.Pricing.Observations;

/// <summary>
/// Ingests an NDJSON request body: streams and validates its lines, keeps the first of each repeated
/// <c>observationId</c>, and every <see cref="ChunkSize"/> accepted lines writes them as segments, one per
/// (UTC day, product shard), the shards in parallel. Memory is bounded by the chunk (about 1 KB an observation,
/// so some 50 MB), not the body. Chunk
/// boundaries depend only on the body, so a retried request makes the same segments and stores nothing twice.
/// </summary>
public sealed class ObservationIngestor(ObservationLayout layout, ObservationSegmentStore segments, IActiveCurrencies currencies)
{
    public const int ChunkSize = 50_000;
    private const int ParallelWrites = 8;

    /// <param name="body">The request body as sent.</param>
    /// <param name="contentEncoding">The <c>Content-Encoding</c> header: none, <c>identity</c> or <c>gzip</c>.</param>
    public async Task<IngestionResult> IngestAsync(Stream body, string? contentEncoding, CancellationToken cancellationToken = default)
    {
        await layout.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var stream = ObservationBody.Open(body, contentEncoding);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chunk = new List<PriceObservation>(Math.Min(ChunkSize, 4096));
        var rejected = new List<RejectedLine>();
        int rejectedCount = 0, repeated = 0, stored = 0, alreadyStored = 0;
        await foreach (var line in NdjsonObservationReader.ReadAsync(stream, currencies.IsActive, cancellationToken).ConfigureAwait(false))
        {
            if (line.Observation is null)
            {
                rejectedCount++;
                if (rejected.Count < ObservationLimits.MaxReportedRejections)
                {
                    rejected.Add(new RejectedLine(line.Line, line.Error!));
                }

                continue;
            }

            if (!seen.Add(line.Observation.ObservationId))
            {
                repeated++;
                continue;
            }

            chunk.Add(line.Observation);
            if (chunk.Count == ChunkSize)
            {
                (stored, alreadyStored) = Add((stored, alreadyStored), await WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false));
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            (stored, alreadyStored) = Add((stored, alreadyStored), await WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        return new IngestionResult(seen.Count, stored, alreadyStored, repeated, rejected, rejectedCount);
    }

    private async Task<(int Stored, int AlreadyStored)> WriteChunkAsync(List<PriceObservation> chunk, CancellationToken cancellationToken)
    {
        var groups = chunk
            .GroupBy(o => (Day: ObservationPaths.DayOf(o.ObservedAt), Shard: ObservationPaths.ShardOf(o.ProductId, layout.ShardCount)))
            .Select(g => (g.Key.Day, g.Key.Shard, Rows: (IReadOnlyList<PriceObservation>)g.ToList()))
            .ToList();
        int stored = 0, already = 0;
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var result = await segments.AppendAsync(group.Day, group.Shard, group.Rows, ct).ConfigureAwait(false);
            Interlocked.Add(ref stored, result.Stored);
            Interlocked.Add(ref already, result.AlreadyStored);
        }).ConfigureAwait(false);
        return (stored, already);
    }

    private static (int, int) Add((int Stored, int Already) total, (int Stored, int Already) chunk)
        => (total.Stored + chunk.Stored, total.Already + chunk.Already);
}
