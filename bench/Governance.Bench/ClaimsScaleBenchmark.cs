using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Governance.Bench;

/// <summary>
/// Claims at scale, through the local host, on one in-memory Azurite, in one process:
/// <list type="number">
/// <item>latency of a reviewer's decision (<c>POST /api/claims/{id}/decision</c>) and of the recourse view
/// (<c>GET /api/recourse/{appId}</c>, the app holding every stored claim as open recourse) with a large store against a
/// small one (target ≤ 1.5×). Two hosts of the same app: the second keeps its claims, index, ledger and outbox in tables
/// of their own (and its own claims and relay queues); the stores are seeded past the relay (<see cref="ClaimsSeeder"/>);
/// rounds alternate which side goes first;</item>
/// <item>processing throughput against intake throughput (target ≥ 0.5): each round files N claims through the webhook
/// as fast as the client can (intake throughput = N / time to the last 202) while the host's processor decides them
/// (processing throughput = N / time from the first request until the last is approved with everything it owes).</item>
/// </list>
/// Each side's storage requests per operation are counted too: on Azurite a query scans its whole table, so they show
/// what grows with the store and what cannot.
/// </summary>
public static class ClaimsScaleBenchmark
{
    public const double LatencyTarget = 1.5;
    public const double ThroughputTarget = 0.5;
    private const string LargeSuffix = "Large";
    private static readonly string[] LargeTables = [TableNames.Claims, TableNames.ClaimIndex, TableNames.Ledger, TableNames.Outbox];

    public static async Task<string> RunAsync(ClaimsScaleOptions options)
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        var loadAtStart = CpuMeter.LoadAverage();
        await using var azurite = await AzuriteProcess.StartAsync(root, (0, 0, 0), inMemory: true);
        var smallCounter = new StorageRequestCounter();
        var largeCounter = new StorageRequestCounter();
        await using var small = await StartHostAsync(root, azurite, smallCounter, large: false);
        await using var large = await StartHostAsync(root, azurite, largeCounter, large: true);
        var sides = new[] { new Side("small", small, smallCounter, options.SmallStore), new Side("large", large, largeCounter, options.LargeStore) };

        var seeding = Stopwatch.StartNew();
        foreach (var side in sides)
        {
            side.AppId = await side.RegisterAppAsync("bench-recourse-" + side.Name);
            await ClaimsSeeder.SeedAsync(side.Host.Services, side.AppId, side.Stored);
        }

        seeding.Stop();
        var reviews = (options.Rounds + 1) * options.Requests;
        foreach (var side in sides)
        {
            await side.FileForReviewAsync(side.AppId, reviews, options.Concurrency);
        }

        // Warm-up round (JIT, connections), then the measured rounds in alternating order.
        foreach (var side in sides)
        {
            await side.DecisionLatencyAsync(options.Requests);
            await side.RecourseLatencyAsync(options.Requests);
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var side in round % 2 == 0 ? sides : sides.Reverse())
            {
                side.Decisions.Add(await side.DecisionLatencyAsync(options.Requests));
                side.Recourse.Add(await side.RecourseLatencyAsync(options.Requests));
            }
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Claims at scale ({options.Rounds} alternating rounds, Azurite in memory, {Environment.ProcessorCount} cores; stores seeded in {seeding.Elapsed.TotalSeconds:0} s)");
        var decisionRatio = Ratio(sides[1].Decisions, sides[0].Decisions);
        var recourseRatio = Ratio(sides[1].Recourse, sides[0].Recourse);
        foreach (var side in sides)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  decision, {side.Stored,6} claims stored : {Figures(side.Decisions)} ms (median {Load.Median(side.Decisions):0.0}); storage per decision: {side.DecisionCost}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"  ratio large / small store       : {decisionRatio:0.00} (median of per-round ratios; target <= {LatencyTarget:0.0}: {Met(decisionRatio <= LatencyTarget)})");
        foreach (var side in sides)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  GET recourse, {side.Stored,6} open     : {Figures(side.Recourse)} ms (median {Load.Median(side.Recourse):0.0}); storage per view: {side.RecourseCost}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"  ratio large / small store       : {recourseRatio:0.00} (median of per-round ratios; target <= {LatencyTarget:0.0}: {Met(recourseRatio <= LatencyTarget)})");
        report.Append(await ThroughputAsync(sides[0], options));
        report.AppendLine(CultureInfo.InvariantCulture, $"  peak memory (working set)       : {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):0} MiB (this process: both hosts)");
        report.Append(CultureInfo.InvariantCulture, $"  machine load average (1 min)    : {loadAtStart} at the start, {CpuMeter.LoadAverage()} at the end");
        return report.ToString();
    }

    private static async Task<string> ThroughputAsync(Side side, ClaimsScaleOptions options)
    {
        var intake = new List<double>();
        var processing = new List<double>();
        var before = side.Counter.Snapshot();
        await side.FileAndProcessAsync(await side.RegisterAppAsync("bench-warm"), 50, options.Concurrency);
        for (var round = 0; round < options.Rounds; round++)
        {
            var (filed, processed) = await side.FileAndProcessAsync(await side.RegisterAppAsync($"bench-flow-{round}"), options.Claims, options.Concurrency);
            intake.Add(filed);
            processing.Add(processed);
        }

        var cost = StorageRequestCounter.Difference(before, side.Counter.Snapshot(), (options.Rounds * options.Claims) + 50);
        var ratio = Load.Median(processing.Zip(intake, (p, i) => p / i).ToList());
        return string.Create(CultureInfo.InvariantCulture,
            $"""
              intake, claims/s               : {Figures(intake, "0")} (median {Load.Median(intake):0}; {options.Claims} claims a round, concurrency {options.Concurrency})
              processing, claims/s           : {Figures(processing, "0")} (median {Load.Median(processing):0}; filed to approved with all it owes)
              ratio processing / intake      : {ratio:0.00} (median of per-round ratios; target >= {ThroughputTarget:0.0}: {Met(ratio >= ThroughputTarget)})
              storage per claim (both steps) : {cost}

            """);
    }

    private static string Figures(IEnumerable<double> values, string format = "0.0") => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    private static double Ratio(List<double> large, List<double> small) => Load.Median(large.Zip(small, (l, s) => l / s).ToList());

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static async Task<LocalFunctionsHost> StartHostAsync(string root, AzuriteProcess azurite, StorageRequestCounter counter, bool large)
    {
        var options = new LocalHostOptions
        {
            Port = 0,
            RepositoryRoot = root,
            MinimumLogLevel = LogLevel.Error,
            // An idle queue is polled at most every half second (host.json allows a minute): rounds start without waiting.
            ConfigureHostJson = h => h with { QueueMaxPollingInterval = TimeSpan.FromMilliseconds(500) },
        };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        foreach (var function in new[] { "AuditCheckpoint", "AuditAnchor", "AuditFullVerification", "RecourseOverdue", "RetentionCleanup", "PricingScan" })
        {
            options.Settings[$"AzureWebJobs.{function}.Disabled"] = "true";
        }

        if (large)
        {
            options.Settings["ClaimsQueue"] = "claims-large";
            options.Settings["OutboxRelayQueue"] = "outbox-relay-large";
        }

        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var tables = new TableServiceClient(azurite.ConnectionString, clientOptions);
        options.ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<TableServiceClient>(large ? new RenamedTables(tables) : tables));
        return await LocalFunctionsHost.StartAsync(options);
    }

    /// <summary>One host and what was measured on it.</summary>
    private sealed class Side(string name, LocalFunctionsHost host, StorageRequestCounter counter, int stored)
    {
        private readonly HttpClient _http = new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        private readonly Queue<string> _underReview = new();
        private int _sequence;

        public string Name => name;

        public LocalFunctionsHost Host => host;

        public StorageRequestCounter Counter => counter;

        public int Stored => stored;

        public string AppId { get; set; } = string.Empty;

        public List<double> Decisions { get; } = [];

        public List<double> Recourse { get; } = [];

        public string DecisionCost { get; private set; } = string.Empty;

        public string RecourseCost { get; private set; } = string.Empty;

        private string Token(string role) => host.Services.GetRequiredService<DevTokenIssuer>().Issue([role], "bench-" + role, TimeSpan.FromHours(3));

        public async Task<string> RegisterAppAsync(string prefix)
        {
            var appId = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
            using var response = await SendAsync(HttpMethod.Post, "api/apps", StaffRoles.Operator, new { appId, name = appId });
            return response.StatusCode == HttpStatusCode.Created ? appId : throw new InvalidOperationException($"Registering {appId} answered {(int)response.StatusCode}.");
        }

        /// <summary>Files claims above the auto-approval limit and waits until the processor has sent them all to review.</summary>
        public async Task FileForReviewAsync(string appId, int count, int concurrency)
        {
            var ids = new string[count];
            await Load.RunAsync(count, concurrency, async i => ids[i] = await FileAsync(appId, 800_000));
            var queries = host.Services.GetRequiredService<ClaimQueries>();
            await WaitAsync(async () => (await Task.WhenAll(ids.Select(id => queries.FindAsync(id)))).All(c => c?.Status == ClaimStatus.UnderReview), "claims to go to review");
            foreach (var id in ids)
            {
                _underReview.Enqueue(id);
            }
        }

        /// <summary>Median latency (ms) of <paramref name="requests"/> sequential reviewer approvals.</summary>
        public async Task<double> DecisionLatencyAsync(int requests)
        {
            var before = counter.Snapshot();
            var latency = await LatencyAsync(requests, () => SendAsync(HttpMethod.Post, $"api/claims/{_underReview.Dequeue()}/decision", StaffRoles.Reviewer,
                new { decision = "approve", amount = new { amount = 300_000, currency = "CNY" }, reason = "Benchmark." }));
            DecisionCost = StorageRequestCounter.Difference(before, counter.Snapshot(), requests);
            return latency;
        }

        /// <summary>Median latency (ms) of <paramref name="requests"/> sequential recourse views (the first page of the app's open claims).</summary>
        public async Task<double> RecourseLatencyAsync(int requests)
        {
            var before = counter.Snapshot();
            var latency = await LatencyAsync(requests, () => SendAsync(HttpMethod.Get, $"api/recourse/{AppId}", StaffRoles.Operator));
            RecourseCost = StorageRequestCounter.Difference(before, counter.Snapshot(), requests);
            return latency;
        }

        /// <summary>Files <paramref name="count"/> small claims at once; returns (intake claims/s, processing claims/s).</summary>
        public async Task<(double Intake, double Processing)> FileAndProcessAsync(string appId, int count, int concurrency)
        {
            var index = host.Services.GetRequiredService<ClaimIndexReader>();
            var stopwatch = Stopwatch.StartNew();
            await Load.RunAsync(count, concurrency, _ => FileAsync(appId, 1_500));
            var filed = stopwatch.Elapsed;
            await WaitAsync(async () =>
            {
                var open = 0;
                string? token = null;
                do
                {
                    var page = await index.OpenPageAsync(appId, token, 1000);
                    open += page.Claims.Count;
                    token = page.ContinuationToken;
                }
                while (token is not null);
                return open == count;
            }, $"{count} claims of {appId} to be approved");
            return (count / filed.TotalSeconds, count / stopwatch.Elapsed.TotalSeconds);
        }

        private async Task<string> FileAsync(string appId, long amount)
        {
            var unique = $"{name}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = "claim.filed",
                data = new
                {
                    externalReference = "bench-" + unique,
                    userId = "user-" + unique,
                    appId,
                    orderId = "order-" + unique,
                    occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
                    damage = new { category = "unauthorized_charge", description = "Charged twice for one subscription." },
                    amountClaimed = new { amount, currency = "CNY" },
                    evidence = new[] { new { name = "receipt.pdf", sha256 = new string('c', 64) } },
                },
            });
            var secret = WebhookSecret.ParseList(host.Services.GetRequiredService<IConfiguration>()["Webhooks:Claims:Secrets"]).First();
            var headers = new WebhookSignature(TimeProvider.System).Sign("bench-" + unique, body, secret);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/claims") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(WebhookHeaders.IdHeader, headers.Id);
            request.Headers.Add(WebhookHeaders.TimestampHeader, headers.Timestamp);
            request.Headers.Add(WebhookHeaders.SignatureHeader, headers.Signature);
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.Accepted
                ? JsonDocument.Parse(text).RootElement.GetProperty("claimId").GetString()!
                : throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}: {text}");
        }

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string role, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
            return await _http.SendAsync(request);
        }

        private static ByteArrayContent JsonContent(object body)
        {
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            content.Headers.ContentType = new("application/json");
            return content;
        }

        private static async Task<double> LatencyAsync(int requests, Func<Task<HttpResponseMessage>> send)
        {
            var latencies = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                using var response = await send();
                var text = await response.Content.ReadAsStringAsync();
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
                }
            }

            return Load.Median(latencies);
        }

        private static async Task WaitAsync(Func<Task<bool>> condition, string what)
        {
            var deadline = DateTime.UtcNow.AddMinutes(15);
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Timed out waiting for {what}.");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>The second host's claims, index, ledger and outbox tables: other tables of the same Azurite.</summary>
    private sealed class RenamedTables(TableServiceClient inner) : TableServiceClient
    {
        public override TableClient GetTableClient(string tableName) => inner.GetTableClient(Rename(tableName));

        public override Task<Azure.Response<Azure.Data.Tables.Models.TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
            => inner.CreateTableIfNotExistsAsync(Rename(tableName), cancellationToken);

        private static string Rename(string table) => LargeTables.Contains(table) ? table + LargeSuffix : table;
    }
}
