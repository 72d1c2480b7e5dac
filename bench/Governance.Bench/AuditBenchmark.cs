using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.LocalHost;
using Governance.LocalHost.Storage;
using Governance.Bench.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Bench;

/// <summary>
/// The sharded audit log, on one in-memory Azurite in one process, in alternating rounds:
/// <list type="number">
/// <item>appends/s of <c>--writers</c> concurrent writers, one per duty (8 duties), against one writer appending the
/// same mix of duties in turn (target ≥ 4×);</item>
/// <item>the latency of <c>GET /api/audit/verify</c> over a small log against a large one (target: no growth,
/// ≤ 1.5×). Two local hosts serve the same app on the same Azurite, the second with its audit log in another
/// table; both logs cover the same 64 chains, and before each round a few entries are appended to both, as
/// live traffic would, so every round's first request also verifies a fresh tail.</item>
/// </list>
/// </summary>
public sealed class AuditBenchmark : IBenchmark
{
    public const double AppendTarget = 4.0;
    public const double VerifyTarget = 1.5;
    private const string LargeSuffix = "Large";
    private static readonly string[] Duties = ["claims", "apps", "disclosures", "onboarding", "pricing", "compliance", "platform", "developers"];
    private static readonly string[] Disabled = ["AuditCheckpoint", "AuditAnchor", "AuditFullVerification", "ProcessClaim"];

    public string Name => "audit";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var rounds = context.Args.Rounds(full: 7);
        var appends = context.Args.Int("--appends", full: 800, quick: 400);
        var largeLog = context.Args.Int("--large", full: 20_000, quick: 5_000);
        var smallLog = context.Args.Int("--small", full: 128, quick: 128);
        var verifyRequests = context.Args.Int("--verify-requests", full: 20, quick: 10);
        var writers = context.Args.Int("--writers", full: 8, quick: 8);
        await using var azurite = await BenchHosts.StartAzuriteAsync();
        await using var small = await BenchHosts.StartAsync(azurite, Disabled);
        await using var large = await StartLargeHostAsync(azurite);
        var shards = small.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.ChainShards;
        var resources = ResourcePerChain(shards);

        // Both logs cover every chain; then the anchor run verifies them (moving the checkpoints) and anchors their heads.
        context.Report($"filling the logs ({smallLog} and {largeLog} entries)");
        await FillAsync(small.Services.GetRequiredService<IAuditLog>(), resources, smallLog, "small");
        await FillAsync(large.Services.GetRequiredService<IAuditLog>(), resources, largeLog, "large");
        await small.Services.GetRequiredService<AuditAnchorWriter>().WriteAsync();
        await large.Services.GetRequiredService<AuditAnchorWriter>().WriteAsync();

        using var smallHttp = Client(small);
        using var largeHttp = Client(large);
        await VerifyLatencyAsync(smallHttp, 3); // warm-up
        await VerifyLatencyAsync(largeHttp, 3);

        // Before each measurement a few entries are appended to that log, as live traffic would, so its first
        // request also verifies a fresh tail.
        Side Verify(string label, LocalFunctionsHost host, HttpClient http) => new(label, async round =>
        {
            await FillAsync(host.Services.GetRequiredService<IAuditLog>(), resources.Take(16).ToList(), 16, $"tail-{round}");
            return await VerifyLatencyAsync(http, verifyRequests);
        });
        var verify = await context.CompareAsync(
            "GET /api/audit/verify latency", "ms", rounds,
            Verify($"{largeLog:N0} entries", large, largeHttp), Verify($"{smallLog:N0} entries", small, smallHttp),
            lowerIsBetter: true, target: Target.RatioAtMost(VerifyTarget));

        // Appends go to the small host's log, after its latency rounds. Three sides in rotating order: one writer
        // over every duty, several writers one duty each, and (for comparison) several writers on one resource
        // and so one chain, the contention the single head had.
        var log = small.Services.GetRequiredService<IAuditLog>();
        var cpu = new CpuMeter();
        var sides = new (string Label, int Writers, Func<string, int, int, string> Resource)[]
        {
            ($"{writers} writers, one duty each", writers, (run, writer, i) => $"{Duties[writer % Duties.Length]}/{run}-{i}"),
            ("1 writer over every duty", 1, (run, writer, i) => $"{Duties[i % Duties.Length]}/{run}-{i}"),
            ($"{writers} writers, one chain", writers, (run, writer, i) => $"claims/{run}"),
        };
        var cores = sides.Select(_ => new List<double>()).ToArray();
        var appendCosts = sides.Select(_ => new List<OperationCost>()).ToArray();
        using var costs = new OperationCosts(azurite);
        context.Report("appends: warm-up");
        for (var side = 0; side < sides.Length; side++)
        {
            await AppendRateAsync(log, sides[side].Writers, 100, sides[side].Resource, $"warm-{side}", cpu, []);
        }

        var rates = await context.AlternateAsync("appends", rounds, [.. sides.Select((side, index) =>
            new Side(side.Label, round => costs.MeasureAsync(appends, appendCosts[index], () => AppendRateAsync(log, side.Writers, appends, side.Resource, $"side{index}-{round}", cpu, cores[index]))))]);
        var verification = await log.VerifyAsync();
        string Cores(int side) => string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(cores[side]):0.00}");
        return new BenchmarkReport(
            "Audit log: concurrent appends across duties, and index-backed verification",
            $"{Duties.Length} duties × {shards} chains, {appends} appends a round, verify: median of {verifyRequests} sequential requests a round; two local hosts of the same app on one in-memory Azurite, their audit tables (and anchors) differ.",
            [
                new Comparison("audit appends", "appends/s", sides[0].Label, rates[0], sides[1].Label, rates[1], Target: Target.RatioAtLeast(AppendTarget),
                    Detail: $"per append {OperationCost.Describe(appendCosts[0])} vs {OperationCost.Describe(appendCosts[1])}; cores used (this process + Azurite, CPU s per s): {Cores(0)} vs {Cores(1)}; with 2 cores the 1-writer side may already use what the machine can give"),
                new Comparison("appends on one chain", "appends/s", sides[2].Label, rates[2], sides[1].Label, rates[1], Detail: $"cores used {Cores(2)}; the contention of the former single head"),
                verify,
            ],
            [$"Log after the run: valid={verification.Valid}, {verification.Entries} entries."]);
    }

    private static async Task<LocalFunctionsHost> StartLargeHostAsync(AzuriteProcess azurite)
    {
        var anchors = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(ContainerNames.AuditAnchors + "-large");
        await anchors.CreateIfNotExistsAsync();
        return await BenchHosts.StartAsync(azurite, Disabled, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TableServiceClient>(new RenamedTables(new TableServiceClient(azurite.ConnectionString), LargeSuffix, TableNames.AuditLog, TableNames.AuditChains)));
            services.Replace(ServiceDescriptor.Singleton<IAuditAnchorStore>(new BlobAuditAnchorStore(new AnchorsIn(new BlobServiceClient(azurite.ConnectionString), anchors.Name))));
        });
    }

    private static HttpClient Client(LocalFunctionsHost host)
    {
        var token = host.Services.GetRequiredService<DevTokenIssuer>().Issue([StaffRoles.Auditor], subject: "bench", lifetime: TimeSpan.FromHours(2));
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Median latency (ms) of <paramref name="requests"/> sequential verify requests; each must answer valid.</summary>
    private static async Task<double> VerifyLatencyAsync(HttpClient http, int requests)
    {
        var latencies = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.GetAsync("api/audit/verify");
            var body = await response.Content.ReadAsStringAsync();
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"valid\":true", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Verify answered {(int)response.StatusCode}: {body}");
            }
        }

        return Stats.Median(latencies);
    }

    /// <summary>Appends/s of <paramref name="writers"/> concurrent writers, writer w appending entries i = w, w + writers, … to <paramref name="resource"/>(run, w, i).</summary>
    private static async Task<double> AppendRateAsync(IAuditLog log, int writers, int count, Func<string, int, int, string> resource, string run, CpuMeter cpu, List<double> cores)
    {
        var cpuBefore = cpu.Seconds();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            for (var i = writer; i < count; i += writers)
            {
                await log.AppendAsync(Record(resource(run, writer, i)));
            }
        }));
        cores.Add((cpu.Seconds() - cpuBefore) / stopwatch.Elapsed.TotalSeconds);
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task FillAsync(IAuditLog log, IReadOnlyList<string> resources, int count, string run)
        => await Load.RunAsync(count, 8, i => log.AppendAsync(Record(resources[i % resources.Count]) with { Details = new Dictionary<string, string> { ["run"] = run } }));

    /// <summary>One resource per chain (duty × shard), so a few hundred entries already cover every chain.</summary>
    private static List<string> ResourcePerChain(int shards)
        => [.. Duties.SelectMany(duty => Enumerable.Range(0, shards).Select(shard =>
            Enumerable.Range(0, 10_000).Select(i => $"{duty}/bench-{i}").First(r => AuditChains.Assign(r, shards).Shard == shard)))];

    private static AuditRecord Record(string resource) => new(AuditActor.System("bench"), "bench.appended", resource, "succeeded");

    /// <summary>The anchor container of the second host, so each host verifies against its own anchors.</summary>
    private sealed class AnchorsIn(BlobServiceClient inner, string container) : BlobServiceClient
    {
        public override BlobContainerClient GetBlobContainerClient(string blobContainerName) => inner.GetBlobContainerClient(container);
    }
}
