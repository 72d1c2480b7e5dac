using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Governance.Core.Pricing;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Segments;
using Governance.Core.Storage;
using Governance.Core.Tests.Pricing.Synthetic;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Options;

namespace Governance.Bench.Pricing;

/// <summary>
/// Ingestion (parse, validate, dedupe within the request, claim ids in the per-(day, shard) log, write Parquet
/// segments) against uploading the same NDJSON bytes to one blob each, on one in-memory Azurite, same concurrency.
/// Rounds alternate which side goes first; the reported ratio is the median of the per-round throughput ratios.
/// </summary>
internal static class PricingIngestionBenchmark
{
    public static async Task<string> RunAsync(int requests, int lines, int concurrency)
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        await using var azurite = await AzuriteProcess.StartAsync(root, (0, 0, 0), inMemory: true);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var raw = blobs.GetBlobContainerClient("raw-ndjson");
        await raw.CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient(ContainerNames.PricingObservations).CreateIfNotExistsAsync();
        var layout = new ObservationLayout(blobs, Options.Create(new PricingOptions { ShardCount = 16 }));
        var ingestor = new ObservationIngestor(layout, new ObservationSegmentStore(layout, new ObservationIdIndex(layout.Container), new ConflictRetry(Options.Create(new ConcurrencyOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConflictRetry>.Instance)), new Currencies());

        var ratios = new List<double>();
        var report = new StringBuilder();
        long bodyBytes = 0;
        for (var round = 0; round < 4; round++)
        {
            var bodies = Enumerable.Range(0, requests).Select(r => Body(round, r, lines)).ToList();
            bodyBytes = bodies.Sum(b => (long)b.Length);
            if (round == 0)
            {
                // Warm-up round: JIT, connections, the layout record.
                await RunAsync(bodies.Take(1).ToList(), 1, b => ingestor.IngestAsync(new MemoryStream(b), null));
                continue;
            }

            TimeSpan ingest = default, upload = default;
            long allocated = 0;
            int gen2 = 0;
            foreach (var side in round % 2 == 0 ? new[] { "ingest", "raw" } : ["raw", "ingest"])
            {
                if (side == "ingest")
                {
                    (allocated, gen2) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
                    ingest = await RunAsync(bodies, concurrency, b => ingestor.IngestAsync(new MemoryStream(b), null));
                    (allocated, gen2) = (GC.GetTotalAllocatedBytes() - allocated, GC.CollectionCount(2) - gen2);
                }
                else
                {
                    upload = await RunAsync(bodies, concurrency, b => raw.GetBlobClient(Guid.NewGuid().ToString("n")).UploadAsync(new BinaryData(b)));
                }
            }

            ratios.Add(upload / ingest);
            report.AppendLine(CultureInfo.InvariantCulture, $"  round {round}: ingest {ingest.TotalSeconds:F2} s ({bodyBytes / 1048576.0 / ingest.TotalSeconds:F1} MiB/s, {requests * lines / ingest.TotalSeconds:N0} observations/s), raw upload {upload.TotalSeconds:F2} s ({bodyBytes / 1048576.0 / upload.TotalSeconds:F1} MiB/s); ingestion allocated {allocated / (double)(requests * lines):N0} B an observation, {gen2} gen-2 GCs");
        }

        ratios.Sort();
        var header = $"Pricing ingestion vs raw blob upload ({requests} requests x {lines:N0} lines = {bodyBytes / 1048576.0:F1} MiB a round, concurrency {concurrency}, 16 shards, Azurite in memory, {Environment.ProcessorCount} cores)";
        return header + Environment.NewLine + report + $"  ingestion/raw throughput ratio, median of rounds: {ratios[ratios.Count / 2]:F2}" + Environment.NewLine;
    }

    private static async Task<TimeSpan> RunAsync<T>(List<byte[]> bodies, int concurrency, Func<byte[], Task<T>> send)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, _) => await send(body));
        return watch.Elapsed;
    }

    /// <summary>One request body: a day of a synthetic market (distinct ids per round and request) as NDJSON.</summary>
    private static byte[] Body(int round, int request, int lines)
    {
        var market = SyntheticMarket.Generate(new MarketParameters { Seed = (round * 1000) + request, Products = 10, ObservationsPerProduct = lines / 10, PlantedEffects = 0 });
        using var buffer = new MemoryStream();
        foreach (var o in market.Observations)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("observationId", $"r{round}-{o.ObservationId}");
                writer.WriteString("observedAt", o.ObservedAt);
                writer.WriteString("productId", o.ProductId);
                writer.WriteString("userId", o.UserId);
                writer.WriteNumber("paidPrice", o.PaidPrice);
                writer.WriteNumber("listPrice", o.ListPrice!.Value);
                writer.WriteString("currency", o.Currency);
                writer.WriteNumber("quantity", o.Quantity);
                writer.WriteStartObject("conditions");
                foreach (var (key, value) in o.Conditions)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("attributes");
                foreach (var a in o.Attributes)
                {
                    if (a.IsNumber)
                    {
                        writer.WriteNumber(a.Name, a.Number);
                    }
                    else
                    {
                        writer.WriteString(a.Name, a.Text);
                    }
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    private sealed class Currencies : IActiveCurrencies
    {
        public bool IsActive(string code) => code == "CNY";
    }
}
