using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Scans;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Tests.Pricing;
using Governance.Core.Tests.Pricing.Synthetic;
using Governance.Core.Timeline;
using Governance.Functions.Tests.Events;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Pricing;

/// <summary>Ingest → scan (HTTP and timer) → status, findings, events, timeline and report, through the local host.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class PricingScanEndToEndTests(GovernanceHostFixture fixture)
{
    private static readonly string[] FindingFields =
        ["findingId", "scanId", "productId", "conditions", "attribute", "cohort", "rest", "relativeDifference", "pValue", "adjustedPValue", "legalBasis", "sampleObservationIds"];

    private readonly PricingApi _api = new(fixture);

    [Fact]
    public async Task Planted_discrimination_is_found_as_the_engine_finds_it_and_each_finding_is_listed_published_and_recorded()
    {
        var scanned = await _api.PlantedAsync();

        Assert.Equal("completed", scanned.Status.GetProperty("status").GetString());
        Assert.Equal((16, 16), (scanned.Status.GetProperty("progress").GetProperty("shardsDone").GetInt32(), scanned.Status.GetProperty("progress").GetProperty("shards").GetInt32()));
        Assert.Equal(scanned.Expected.Summary.Observations, scanned.Status.GetProperty("observations").GetInt64());
        Assert.Equal(scanned.Expected.Summary.Cells, scanned.Status.GetProperty("cells").GetInt64());
        Assert.Equal(scanned.Expected.Summary.Tests, scanned.Status.GetProperty("tests").GetInt64());
        Assert.Equal(scanned.Expected.Findings.Count, scanned.Status.GetProperty("findings").GetInt32());

        // The findings, page by page, largest first: exactly the engine's on the same data, each planted cell among them.
        Assert.Equal(scanned.Expected.Findings.Select(f => f.FindingId), scanned.Findings.Select(f => f.GetProperty("findingId").GetString()));
        Assert.All(scanned.Findings, f => Assert.Equal(FindingFields.Order(StringComparer.Ordinal), f.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.All(scanned.Market.Planted, planted => Assert.Contains(scanned.Findings, f => IsPlanted(planted, f)));
        var first = scanned.Findings[0];
        var engine = scanned.Expected.Findings[0];
        Assert.Equal((engine.Cohort.N, engine.Rest.N), (first.GetProperty("cohort").GetProperty("n").GetInt32(), first.GetProperty("rest").GetProperty("n").GetInt32()));
        Assert.Equal(engine.AdjustedPValue, first.GetProperty("adjustedPValue").GetDouble(), 12);
        Assert.Contains(first.GetProperty("legalBasis").EnumerateArray(), r => r.GetProperty("id").GetString() == "pricing.same-goods-same-conditions");

        // One event per finding on the events queue, and one timeline fact per finding for the compliance bundle.
        var ids = scanned.Findings.Select(f => f.GetProperty("findingId").GetString()!).ToHashSet();
        var queue = fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, "EventsQueue"));
        var events = await EventsQueueReader.CollectAsync(queue, e => ids.Contains(e.Id), received => received.Select(e => e.Id).Distinct().Count() == ids.Count, TimeSpan.FromSeconds(60));
        Assert.All(events, e => Assert.Equal((EventTypes.PricingFinding, EventSources.Pricing, scanned.ScanId), (e.Type, e.Source, (string)e.ExtensionAttributes["partitionkey"])));
        var firstEvent = JsonDocument.Parse(events.First(e => e.Id == engine.FindingId).Data!.ToString()).RootElement;
        Assert.Equal((engine.ProductId, engine.ProductId, engine.Attribute), (firstEvent.GetProperty("itemId").GetString(), firstEvent.GetProperty("productId").GetString(), firstEvent.GetProperty("attribute").GetString()));
        Assert.Equal(engine.Cohort.N + engine.Rest.N, firstEvent.GetProperty("observations").GetInt32());
        Assert.Equal("CNY", firstEvent.GetProperty("highestPrice").GetProperty("currency").GetString());
        var timeline = fixture.Services.GetRequiredService<TimelineReader>();
        var detectedAt = firstEvent.GetProperty("detectedAt").GetDateTimeOffset();
        var facts = new List<TimelineEntry>();
        await foreach (var fact in timeline.ReadAsync(TimelineKinds.PricingFinding, detectedAt.AddMinutes(-1), detectedAt.AddMinutes(1)))
        {
            facts.Add(fact);
        }

        Assert.Subset(facts.Select(f => f.Id).ToHashSet(), ids);
    }

    [Fact]
    public async Task A_market_without_discrimination_yields_no_finding()
    {
        var scanned = await _api.IngestAndScanAsync(new MarketParameters
        {
            Seed = 9202, Products = 3, ObservationsPerProduct = 4_000, PlantedEffects = 0, FirstDay = new DateOnly(2025, 3, 20),
        });

        Assert.Equal("completed", scanned.Status.GetProperty("status").GetString());
        Assert.Empty(scanned.Expected.Findings);
        Assert.Empty(scanned.Findings);
        Assert.Equal(scanned.Market.Observations.Count, scanned.Status.GetProperty("observations").GetInt64());
        Assert.True(scanned.Status.GetProperty("tests").GetInt64() > 100, "the clean market was tested, not skipped");
    }

    [Fact]
    public async Task The_daily_timer_scans_the_previous_utc_day_once_even_when_it_fires_twice()
    {
        var yesterday = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var market = SyntheticMarket.Generate(new MarketParameters { Seed = 9303, Products = 2, ObservationsPerProduct = 1_500, PlantedEffects = 0, FirstDay = yesterday });
        await _api.IngestOkAsync(ObservationFixtures.Ndjson(market.Observations));
        var scanId = PricingScanService.DailyScanId(yesterday);

        Assert.Equal(HttpStatusCode.Accepted, (await _api.Client.PostAsJsonAsync("admin/functions/PricingDailyScan", new { })).StatusCode);
        var first = await _api.WaitUntilOverAsync(scanId);
        Assert.Equal(HttpStatusCode.Accepted, (await _api.Client.PostAsJsonAsync("admin/functions/PricingDailyScan", new { })).StatusCode);
        await Task.Delay(500);
        var second = await _api.StatusAsync(scanId);

        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal("schedule", first.GetProperty("trigger").GetString());
        Assert.Equal(market.Observations.Count, first.GetProperty("observations").GetInt64());
        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.Equal(new DateTimeOffset(yesterday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), first.GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public async Task Redelivered_shard_and_finalize_messages_never_count_twice_nor_publish_again()
    {
        var parameters = new MarketParameters { Seed = 9404, Products = 2, ObservationsPerProduct = 2_000, PlantedEffects = 1, MinEffect = 0.08, MaxEffect = 0.1, FirstDay = new DateOnly(2025, 4, 2) };
        var market = SyntheticMarket.Generate(parameters);
        await _api.IngestOkAsync(ObservationFixtures.Ndjson(market.Observations));
        var window = PricingScanHarness.Days(parameters.FirstDay, 1);
        var scanId = await _api.StartScanAsync(window.From, window.To);

        // Every step delivered a second time while the scan runs, and once more after it completed.
        var steps = fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, PricingScanMessage.QueueSetting));
        foreach (var shard in Enumerable.Range(0, 16))
        {
            await steps.SendMessageAsync(PricingScanMessage.ForShard(scanId, shard).ToJson());
        }

        await steps.SendMessageAsync(PricingScanMessage.ForFinalize(scanId).ToJson());
        var completed = await _api.WaitUntilOverAsync(scanId);
        foreach (var message in Enumerable.Range(0, 16).Select(s => PricingScanMessage.ForShard(scanId, s)).Append(PricingScanMessage.ForFinalize(scanId)))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _api.Client.PostAsJsonAsync("admin/functions/PricingScanStep", new { input = message.ToJson() })).StatusCode);
        }

        var after = await _api.StatusAsync(scanId);
        var findings = await _api.FindingsAsync(scanId, pageSize: 50);
        var expected = await PricingApi.EngineAsync(market.Observations, window, scanId);
        Assert.Equal(market.Observations.Count, completed.GetProperty("observations").GetInt64());
        Assert.Equal(completed.GetRawText(), after.GetRawText());
        Assert.Equal(expected.Findings.Select(f => f.FindingId), findings.Select(f => f.GetProperty("findingId").GetString()));
        Assert.NotEmpty(findings);
        var ids = findings.Select(f => f.GetProperty("findingId").GetString()!).ToHashSet();
        var queue = fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, "EventsQueue"));
        var events = await EventsQueueReader.CollectAsync(queue, e => ids.Contains(e.Id), received => received.Count >= ids.Count, TimeSpan.FromSeconds(60));
        var quietUntil = DateTime.UtcNow.AddSeconds(3);
        events.AddRange(await EventsQueueReader.CollectAsync(queue, e => ids.Contains(e.Id), _ => DateTime.UtcNow > quietUntil, TimeSpan.FromSeconds(15)));
        Assert.Equal(ids.Count, events.Count);
    }

    [Fact]
    public async Task A_shard_that_keeps_failing_fails_the_scan_with_a_reason_instead_of_leaving_it_running()
    {
        var day = new DateOnly(2025, 4, 20);
        var container = fixture.Blobs.GetBlobContainerClient(ContainerNames.PricingObservations);
        await container.GetBlobClient($"date={day:yyyy-MM-dd}/shard=005/part-{new string('0', 32)}.parquet").UploadAsync(BinaryData.FromString("not parquet"), overwrite: true);
        var window = PricingScanHarness.Days(day, 1);

        var scanId = await _api.StartScanAsync(window.From, window.To);
        var status = await _api.WaitUntilOverAsync(scanId);

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("shard 5", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(status.GetProperty("progress").GetProperty("shardsDone").GetInt32() < 16);
        using var report = await _api.GetAsync($"api/pricing/scans/{scanId}/report", acceptLanguage: "en");
        Assert.Contains("The scan failed", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static bool IsPlanted(PlantedEffect planted, JsonElement finding)
        => finding.GetProperty("productId").GetString() == planted.ProductId
            && finding.GetProperty("attribute").GetString() == planted.Attribute
            && ConditionsKey.Format([.. finding.GetProperty("conditions").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key, StringComparer.Ordinal)]) == planted.ConditionsKey;
}
