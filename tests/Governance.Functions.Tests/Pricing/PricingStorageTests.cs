using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Segments;

namespace Governance.Functions.Tests.Pricing;

/// <summary>Ingestion into Parquet segments, cross-request dedupe and the sharded scan, on Azurite.</summary>
public sealed class PricingStorageTests(PricingAzuriteFixture fixture) : IClassFixture<PricingAzuriteFixture>
{
    private static string Line(string id, DateOnly day, string product, string user, long paid, string device, int hour = 10) => JsonSerializer.Serialize(new
    {
        observationId = id,
        observedAt = day.ToDateTime(new TimeOnly(hour, 0)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        productId = product,
        userId = user,
        paidPrice = paid,
        listPrice = 1200,
        currency = "CNY",
        quantity = 1,
        conditions = new { region = "north" },
        attributes = new { deviceOs = device, accountAgeDays = 100 },
    });

    private static Stream Body(IEnumerable<string> lines) => new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    private static IEnumerable<string> Lines(DateOnly day, int from, int count, string prefix = "o", int products = 6)
        => Enumerable.Range(from, count).Select(i => Line($"{prefix}-{i}", day, $"sku-{i % products}", $"u-{i}", 1000 + (i % 7), i % 2 == 0 ? "ios" : "android"));

    private static ScanWindow Window(DateOnly day, int days = 1)
        => new(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(day.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private async Task<ScanOutcome> ScanAllAsync(PricingServices app, string scanId, ScanWindow window)
    {
        var shards = Enumerable.Range(0, PricingAzuriteFixture.ShardCount).ToList();
        foreach (var shard in shards)
        {
            await app.Scanner.ScanAsync(scanId, window, shard);
        }

        return await app.Finalizer.FinalizeAsync(scanId, shards);
    }

    [Fact]
    public async Task Ingestion_stores_segments_partitioned_by_day_and_shard_and_records_the_layout()
    {
        var day = new DateOnly(2026, 3, 1);
        var lines = Lines(day, 0, 60).Concat(Lines(day.AddDays(1), 60, 40)).Append("{\"observationId\": 1}").ToList();

        var result = await fixture.Instance().Ingestor.IngestAsync(Body(lines), contentEncoding: null);

        Assert.Equal((100, 100, 0), (result.Accepted, result.Stored, result.AlreadyStored));
        Assert.Equal(101, Assert.Single(result.Rejected).Line);
        var names = (await fixture.SegmentNamesAsync(day)).Concat(await fixture.SegmentNamesAsync(day.AddDays(1))).ToList();
        Assert.All(names, n => Assert.Matches(@"^date=2026-03-0[12]/shard=00[0-3]/part-[0-9a-f]{32}\.parquet$", n));
        Assert.Equal(names.Count, names.Select(n => n[..26]).Distinct().Count());
        var layout = (await fixture.Observations.GetBlobClient(ObservationPaths.LayoutName).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"shardCount\":4", layout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_request_writes_nothing_new()
    {
        var day = new DateOnly(2026, 3, 5);
        var lines = Lines(day, 0, 80).ToList();
        var app = fixture.Instance();

        var first = await app.Ingestor.IngestAsync(Body(lines), null);
        var blobs = await fixture.SegmentNamesAsync(day);
        var retried = await fixture.Instance().Ingestor.IngestAsync(Body(lines), null);

        Assert.Equal((80, 80, 0), (first.Accepted, first.Stored, first.AlreadyStored));
        Assert.Equal((80, 0, 80), (retried.Accepted, retried.Stored, retried.AlreadyStored));
        Assert.Equal(blobs, await fixture.SegmentNamesAsync(day));
    }

    [Fact]
    public async Task A_duplicate_observation_id_from_another_request_is_stored_once()
    {
        var day = new DateOnly(2026, 3, 9);
        var first = await fixture.Instance().Ingestor.IngestAsync(Body(Lines(day, 0, 100)), null);
        var second = await fixture.Instance().Ingestor.IngestAsync(Body(Lines(day, 50, 100).Concat(Lines(day, 120, 5))), null);

        Assert.Equal((100, 0), (first.Stored, first.AlreadyStored));
        Assert.Equal((100, 50, 50, 5), (second.Accepted, second.Stored, second.AlreadyStored, second.RepeatedInRequest));
        var stored = await StoredIdsAsync(day);
        Assert.Equal(150, stored.Count);
        Assert.Equal(150, stored.Distinct().Count());
        Assert.Equal(150, (await ScanAllAsync(fixture.Instance(), "dup-scan", Window(day))).Summary.Observations);
    }

    [Fact]
    public async Task Concurrent_requests_with_overlapping_ids_claim_each_id_once()
    {
        var day = new DateOnly(2026, 3, 12);
        var bodies = Enumerable.Range(0, 4).Select(k => Lines(day, k * 30, 90).ToList()).ToList();

        var results = await Task.WhenAll(bodies.Select(b => fixture.Instance().Ingestor.IngestAsync(Body(b), null)));

        Assert.Equal(180, results.Sum(r => r.Stored));
        Assert.Equal(180, (await ScanAllAsync(fixture.Instance(), "race-scan", Window(day))).Summary.Observations);
        Assert.Equal(180, (await StoredIdsAsync(day)).Distinct().Count());
    }

    [Fact]
    public async Task A_gzip_body_is_ingested()
    {
        var day = new DateOnly(2026, 3, 15);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await Body(Lines(day, 0, 30)).CopyToAsync(gzip);
        }

        compressed.Position = 0;
        var result = await fixture.Instance().Ingestor.IngestAsync(compressed, "gzip");

        Assert.Equal(30, result.Stored);
    }

    [Fact]
    public async Task A_changed_shard_count_is_refused_instead_of_splitting_products()
    {
        await fixture.Instance().Layout.EnsureAsync();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Instance(shardCount: 8).Ingestor.IngestAsync(Body(Lines(new DateOnly(2026, 3, 18), 0, 3)), null));

        Assert.Contains("Pricing__ShardCount is 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingested_observations_are_scanned_shard_by_shard_and_finalized_into_findings()
    {
        var day = new DateOnly(2026, 3, 20);
        var lines = Enumerable.Range(0, 40).Select(i => Line($"f-a{i}", day, "sku-x", $"ua-{i}", 1000 + (i % 3), "android"))
            .Concat(Enumerable.Range(0, 30).Select(i => Line($"f-i{i}", day, "sku-x", $"ui-{i}", 1090 + (i % 3), "ios")))
            .Concat(Lines(day, 0, 300, prefix: "noise"));
        await fixture.Instance().Ingestor.IngestAsync(Body(lines), null);

        var outcome = await ScanAllAsync(fixture.Instance(), "e2e-scan", Window(day));

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(("sku-x", "deviceOs", "ios", 30, 40), (finding.ProductId, finding.Attribute, finding.Cohort.Value, finding.Cohort.N, finding.Rest.N));
        Assert.Equal("e2e-scan", finding.ScanId);
        Assert.Equal(370, outcome.Summary.Observations);
        Assert.Equal(1, outcome.Summary.Findings);
        var rerun = await fixture.Instance().Finalizer.FinalizeAsync("e2e-scan", [0, 1, 2, 3]);
        Assert.Equal(finding.FindingId, rerun.Findings.Single().FindingId);
    }

    private async Task<List<string>> StoredIdsAsync(DateOnly day)
    {
        var ids = new List<string>();
        var batch = new SegmentBatch();
        foreach (var name in await fixture.SegmentNamesAsync(day))
        {
            using var buffer = new MemoryStream();
            await fixture.Observations.GetBlobClient(name).DownloadToAsync(buffer);
            buffer.Position = 0;
            await foreach (var rows in batch.ReadAsync(buffer))
            {
                ids.AddRange(rows.ObservationIds.Take(rows.RowCount).Select(m => m.ToString()));
            }
        }

        return ids;
    }
}
