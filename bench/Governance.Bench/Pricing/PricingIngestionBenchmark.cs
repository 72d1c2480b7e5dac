using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Governance.Bench.Harness;
using Governance.Core.Pricing;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Segments;
using Governance.Core.Storage;
using Governance.Core.Tests.Pricing.Synthetic;
using Microsoft.Extensions.Options;

namespace Governance.Bench.Pricing;

/// <summary>
/// Ingestion (parse, validate, dedupe within the request, claim ids in the per-(day, shard) log, write Parquet
/// segments) against uploading the same NDJSON bytes to one blob each, on one in-memory Azurite, same concurrency,
/// alternating rounds; each round ingests new observations (distinct ids).
/// </summary>
internal sealed class PricingIngestionBenchmark : IBenchmark
{
    public string Name => "pricing-ingest";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var rounds = context.Args.Rounds(full: 7);
        var requests = context.Args.Int("--requests", full: 8, quick: 4);
        var lines = context.Args.Int("--lines", full: 20_000, quick: 20_000);
        var concurrency = context.Args.Int("--concurrency", full: 4, quick: 4);
        await using var azurite = await BenchHosts.StartAzuriteAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var raw = blobs.GetBlobContainerClient("raw-ndjson");
        await raw.CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient(ContainerNames.PricingObservations).CreateIfNotExistsAsync();
        var layout = new ObservationLayout(blobs, Options.Create(new PricingOptions { ShardCount = 16 }));
        var ingestor = new ObservationIngestor(layout, new ObservationSegmentStore(layout, new ObservationIdIndex(layout.Container), new ConflictRetry(Options.Create(new ConcurrencyOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConflictRetry>.Instance)), new Currencies());

        // Warm-up (JIT, connections, the layout record), then one set of bodies a round, built before either side is timed.
        context.Report("warm-up");
        await SendAllAsync([Body(1_000, 0, lines)], 1, b => ingestor.IngestAsync(new MemoryStream(b), null));
        var bodies = new Dictionary<int, List<byte[]>>();
        List<byte[]> BodiesOf(int round) => bodies.TryGetValue(round, out var built) ? built : bodies[round] = [.. Enumerable.Range(0, requests).Select(r => Body(round, r, lines))];
        var allocated = new List<double>();
        var requestCosts = new List<OperationCost>();
        using var costs = new OperationCosts(azurite);
        var gen2 = 0;
        var observations = (double)requests * lines;
        var comparison = await context.CompareAsync(
            "ingestion throughput", "observations/s", rounds,
            new Side("ingest (parse, validate, ids, Parquet)", async round =>
            {
                var batch = BodiesOf(round);
                var (bytes, collections) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
                var elapsed = await costs.MeasureAsync(requests, requestCosts, () => SendAllAsync(batch, concurrency, b => ingestor.IngestAsync(new MemoryStream(b), null)));
                allocated.Add((GC.GetTotalAllocatedBytes() - bytes) / observations);
                gen2 += GC.CollectionCount(2) - collections;
                return observations / elapsed.TotalSeconds;
            }),
            new Side("upload the NDJSON bytes as blobs", async round =>
                observations / (await SendAllAsync(BodiesOf(round), concurrency, b => raw.GetBlobClient(Guid.NewGuid().ToString("n")).UploadAsync(new BinaryData(b)))).TotalSeconds));
        var megabytes = BodiesOf(0).Sum(b => (long)b.Length) / 1048576.0;
        return new BenchmarkReport(
            "Pricing ingestion vs raw blob upload of the same bytes",
            string.Create(CultureInfo.InvariantCulture, $"{requests} requests × {lines:N0} lines ({megabytes:F1} MiB) a round, concurrency {concurrency}, 16 shards, one in-memory Azurite."),
            [comparison with { Detail = string.Create(CultureInfo.InvariantCulture, $"per ingestion request of {lines:N0} observations: {OperationCost.Describe(requestCosts)}; ingestion allocates {Stats.Median(allocated):N0} B an observation (median of rounds); {gen2} gen-2 collections over all rounds") }],
            []);
    }

    private static async Task<TimeSpan> SendAllAsync<T>(List<byte[]> bodies, int concurrency, Func<byte[], Task<T>> send)
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
