using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Security;
using Governance.Core.Tests.Pricing;
using Governance.Core.Tests.Pricing.Synthetic;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Pricing;

/// <summary>A market ingested and scanned through the local host, with what the engine alone makes of the same data.</summary>
public sealed record ScannedMarket(SyntheticMarket Market, ScanWindow Window, string ScanId, JsonElement Status, IReadOnlyList<JsonElement> Findings, ScanOutcome Expected);

/// <summary>The pricing API as its clients call it: operators with a bearer token, feeders with an ingestion key.</summary>
public sealed class PricingApi(GovernanceHostFixture fixture)
{
    public const string Ndjson = "application/x-ndjson";

    private static readonly SemaphoreSlim PlantedGate = new(1, 1);
    private static ScannedMarket? _planted;

    public HttpClient Client => fixture.Client;

    /// <summary>A synthetic market with discrimination of 5-9 % planted in three cells, on a day of its own, scanned once per test run.</summary>
    public async Task<ScannedMarket> PlantedAsync()
    {
        await PlantedGate.WaitAsync();
        try
        {
            return _planted ??= await IngestAndScanAsync(new MarketParameters
            {
                Seed = 9101, Products = 3, ObservationsPerProduct = 5_000, PlantedEffects = 3, MinEffect = 0.05, MaxEffect = 0.09, FirstDay = new DateOnly(2025, 3, 10),
            });
        }
        finally
        {
            PlantedGate.Release();
        }
    }

    public async Task<ScannedMarket> IngestAndScanAsync(MarketParameters parameters)
    {
        var market = SyntheticMarket.Generate(parameters);
        var ingested = await IngestOkAsync(ObservationFixtures.Ndjson(market.Observations));
        Assert.Equal(market.Observations.Count, ingested.GetProperty("accepted").GetInt32());
        var window = PricingScanHarness.Days(parameters.FirstDay, parameters.Days);
        var scanId = await StartScanAsync(window.From, window.To);
        var status = await WaitUntilOverAsync(scanId);
        var expected = await EngineAsync(market.Observations, window, scanId);
        return new ScannedMarket(market, window, scanId, status, await FindingsAsync(scanId, pageSize: 2), expected);
    }

    /// <summary>What the engine alone, in memory, makes of the observations as scan <paramref name="scanId"/> (the app's 16 shards).</summary>
    public static async Task<ScanOutcome> EngineAsync(IEnumerable<Core.Pricing.Observations.PriceObservation> observations, ScanWindow window, string scanId)
    {
        var segments = new InMemorySegments(16);
        await segments.AddAsync(observations);
        return await PricingScanHarness.ScanAsync(segments, window, PricingScanHarness.Profile(), scanId);
    }

    public Task<HttpResponseMessage> IngestAsync(byte[] body, bool gzip = false, string contentType = Ndjson, string? ingestionKey = null, string? encoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/pricing/observations") { Content = new ByteArrayContent(gzip ? Gzip(body) : body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip || encoding is not null)
        {
            request.Content.Headers.ContentEncoding.Add(encoding ?? "gzip");
        }

        if (ingestionKey is null)
        {
            request.AsStaff(fixture, StaffRoles.Operator);
        }
        else
        {
            request.Headers.Add(ApiKeyHeader.Name, ingestionKey);
        }

        return Client.SendAsync(request);
    }

    public async Task<JsonElement> IngestOkAsync(byte[] body, bool gzip = false)
    {
        using var response = await IngestAsync(body, gzip);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostScanAsync(object body, string role = StaffRoles.Operator)
        => Client.SendAsync(ApiClient.Send(HttpMethod.Post, "api/pricing/scans", body).AsStaff(fixture, role));

    public async Task<string> StartScanAsync(DateTimeOffset from, DateTimeOffset to)
    {
        using var response = await PostScanAsync(new { from, to });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var scanId = started.GetProperty("scanId").GetString()!;
        Assert.Equal(started.GetProperty("statusUrl").GetString(), response.Headers.Location?.ToString());
        return scanId;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string role = StaffRoles.Operator, string? acceptLanguage = null)
    {
        var request = ApiClient.Get(path).AsStaff(fixture, role);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return Client.SendAsync(request);
    }

    public async Task<JsonElement> StatusAsync(string scanId)
    {
        using var response = await GetAsync($"api/pricing/scans/{scanId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the scan until it is no longer running.</summary>
    public async Task<JsonElement> WaitUntilOverAsync(string scanId, int seconds = 120)
    {
        JsonElement status = default;
        await Eventually.HoldsAsync(async () =>
        {
            status = await StatusAsync(scanId);
            return status.GetProperty("status").GetString() != "running";
        }, TimeSpan.FromSeconds(seconds), $"scan {scanId} to complete or fail");
        return status;
    }

    /// <summary>Every finding of a scan, page by page.</summary>
    public async Task<IReadOnlyList<JsonElement>> FindingsAsync(string scanId, int pageSize, string role = StaffRoles.Operator)
    {
        var findings = new List<JsonElement>();
        string? token = null;
        do
        {
            var path = $"api/pricing/findings?scanId={scanId}&pageSize={pageSize}" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            using var response = await GetAsync(path, role);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("findings").EnumerateArray().Select(f => f.Clone()).ToList();
            Assert.True(items.Count <= pageSize);
            findings.AddRange(items);
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);

        return findings;
    }

    public static byte[] Gzip(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return buffer.ToArray();
    }
}
