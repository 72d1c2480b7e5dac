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

/// <summary>How the pricing API is documented and how it answers requests it cannot serve.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class PricingApiProblemTests(GovernanceHostFixture fixture)
{
    private readonly PricingApi _api = new(fixture);

    [Fact]
    public async Task Unknown_scan_ids_are_404_problems_wherever_they_are_named()
    {
        foreach (var path in new[] { "api/pricing/scans/scan-unknown", "api/pricing/scans/scan-unknown/report", "api/pricing/findings?scanId=scan-unknown", "api/pricing/findings?scanId=..%2F..%2Fx" })
        {
            using var response = await _api.GetAsync(path, StaffRoles.Auditor);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("{}", "from")]
    [InlineData("{\"from\":\"2025-05-02T00:00:00Z\",\"to\":\"2025-05-01T00:00:00Z\"}", "to")]
    [InlineData("{\"from\":\"2024-01-01T00:00:00Z\",\"to\":\"2025-05-01T00:00:00Z\"}", "to")]
    [InlineData("{\"from\":\"1999-12-31T00:00:00Z\",\"to\":\"2000-01-02T00:00:00Z\"}", "from")]
    [InlineData("{\"from\":\"yesterday\",\"to\":\"2025-05-01T00:00:00Z\"}", "$.from")]
    public async Task A_scan_window_that_is_missing_reversed_too_long_or_malformed_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/pricing/scans") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        using var response = await _api.Client.SendAsync(request.AsStaff(fixture, StaffRoles.Operator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Findings_need_a_scan_id_and_an_auditor_may_read_but_not_start_scans()
    {
        using var missing = await _api.GetAsync("api/pricing/findings", StaffRoles.Auditor);
        using var auditorStarts = await _api.PostScanAsync(new { from = "2025-01-01T00:00:00Z", to = "2025-01-02T00:00:00Z" }, StaffRoles.Auditor);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditorStarts.StatusCode);
    }

    [Fact]
    public async Task The_ingestion_is_documented_as_an_ndjson_body_open_to_operators_and_ingestion_keys()
    {
        var document = JsonDocument.Parse(await _api.Client.GetStringAsync("api/openapi.json")).RootElement;
        var ingest = document.GetProperty("paths").GetProperty("/api/pricing/observations").GetProperty("post");

        Assert.True(ingest.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-ndjson", out var line));
        var reference = line.GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference[(reference.LastIndexOf('/') + 1)..]);
        Assert.True(schema.GetProperty("properties").TryGetProperty("observationId", out _), schema.GetRawText());
        Assert.Contains(ingest.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ingestionKeyPricing", out _));
        Assert.True(ingest.GetProperty("responses").TryGetProperty("202", out _));
        Assert.Equal("Pricing", document.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Pricing").GetProperty("name").GetString());
    }
}
