using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

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
public static class AuditBenchmark
{
    public const double AppendTarget = 4.0;
    public const double VerifyTarget = 1.5;
    private const string LargeSuffix = "Large";
    private static readonly string[] Duties = ["claims", "apps", "disclosures", "onboarding", "pricing", "compliance", "platform", "developers"];

    public static async Task<string> RunAsync(AuditBenchOptions options)
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        var loadAtStart = CpuMeter.LoadAverage();
        await using var azurite = await AzuriteProcess.StartAsync(root, (0, 0, 0), inMemory: true);
        await using var small = await StartHostAsync(root, azurite, largeTable: false);
        await using var large = await StartHostAsync(root, azurite, largeTable: true);
        var shards = small.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.ChainShards;
        var resources = ResourcePerChain(shards);

        // Both logs cover every chain; then the anchor run verifies them (moving the checkpoints) and anchors their heads.
        await FillAsync(small.Services.GetRequiredService<IAuditLog>(), resources, options.SmallLog, "small");
        await FillAsync(large.Services.GetRequiredService<IAuditLog>(), resources, options.LargeLog, "large");
        await small.Services.GetRequiredService<AuditAnchorWriter>().WriteAsync();
        await large.Services.GetRequiredService<AuditAnchorWriter>().WriteAsync();

        using var smallHttp = Client(small);
        using var largeHttp = Client(large);
        var smallLatency = new List<double>();
        var largeLatency = new List<double>();
        await VerifyLatencyAsync(smallHttp, 3); // warm-up
        await VerifyLatencyAsync(largeHttp, 3);
        for (var round = 0; round < options.Rounds; round++)
        {
            await FillAsync(small.Services.GetRequiredService<IAuditLog>(), resources.Take(16).ToList(), 16, $"tail-{round}");
            await FillAsync(large.Services.GetRequiredService<IAuditLog>(), resources.Take(16).ToList(), 16, $"tail-{round}");
            if (round % 2 == 0)
            {
                smallLatency.Add(await VerifyLatencyAsync(smallHttp, options.VerifyRequests));
                largeLatency.Add(await VerifyLatencyAsync(largeHttp, options.VerifyRequests));
            }
            else
            {
                largeLatency.Add(await VerifyLatencyAsync(largeHttp, options.VerifyRequests));
                smallLatency.Add(await VerifyLatencyAsync(smallHttp, options.VerifyRequests));
            }
        }

        // Appends go to the small host's log, after its latency rounds.
        var log = small.Services.GetRequiredService<IAuditLog>();
        // Three sides in rotating order: one writer over every duty, several writers one duty each, and (for
        // comparison) several writers on one resource and so one chain, the contention the single head had.
        var cpu = new CpuMeter();
        var sides = new (int Writers, Func<string, int, int, string> Resource)[]
        {
            (1, (run, writer, i) => $"{Duties[i % Duties.Length]}/{run}-{i}"),
            (options.Writers, (run, writer, i) => $"{Duties[writer % Duties.Length]}/{run}-{i}"),
            (options.Writers, (run, writer, i) => $"claims/{run}"),
        };
        var rates = sides.Select(_ => new List<double>()).ToArray();
        var cores = sides.Select(_ => new List<double>()).ToArray();
        for (var side = 0; side < sides.Length; side++)
        {
            await AppendRateAsync(log, sides[side].Writers, 100, sides[side].Resource, $"warm-{side}", cpu, []);
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            for (var turn = 0; turn < sides.Length; turn++)
            {
                var side = (turn + round) % sides.Length;
                rates[side].Add(await AppendRateAsync(log, sides[side].Writers, options.Appends, sides[side].Resource, $"side{side}-{round}", cpu, cores[side]));
            }
        }

        var verification = await log.VerifyAsync();
        return Report(options, shards, rates[0], rates[1], smallLatency, largeLatency, verification)
            + Environment.NewLine + $"  appends/s, {options.Writers} writers, one chain : {string.Join(", ", rates[2].Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} (median {Median(rates[2]):0}; all on one head, as before the chains)"
            + Environment.NewLine + $"  cores used while appending    : {Median(cores[0]):0.00} (1 writer), {Median(cores[1]):0.00} ({options.Writers} writers over duties), {Median(cores[2]):0.00} (one chain); this process + Azurite, CPU seconds per second"
            + Environment.NewLine + $"  machine load average (1 min)  : {loadAtStart} at the start, {CpuMeter.LoadAverage()} at the end";
    }

    private static string Report(AuditBenchOptions options, int shards, List<double> single, List<double> concurrent, List<double> smallLatency, List<double> largeLatency, AuditVerification verification)
    {
        var appendRatio = Median(concurrent.Zip(single, (c, s) => c / s).ToList());
        var latencyRatio = Median(largeLatency.Zip(smallLatency, (l, s) => l / s).ToList());
        string Figures(List<double> values, string format) => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"Audit log ({options.Rounds} alternating rounds, {Duties.Length} duties x {shards} chains, Azurite in memory, {Environment.ProcessorCount} cores)");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  appends/s, 1 writer          : {Figures(single, "0")} (median {Median(single):0})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  appends/s, {options.Writers} writers over duties: {Figures(concurrent, "0")} (median {Median(concurrent):0})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  ratio {options.Writers} writers / 1 writer   : {appendRatio:0.00} (median of per-round ratios; target >= {AppendTarget:0.0}: {(appendRatio >= AppendTarget ? "met" : "NOT met")})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  GET /api/audit/verify, {options.SmallLog} entries   : {Figures(smallLatency, "0.0")} ms (median {Median(smallLatency):0.0})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  GET /api/audit/verify, {options.LargeLog} entries : {Figures(largeLatency, "0.0")} ms (median {Median(largeLatency):0.0})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  ratio large / small log       : {latencyRatio:0.00} (median of per-round ratios; target <= {VerifyTarget:0.0}: {(latencyRatio <= VerifyTarget ? "met" : "NOT met")})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  log after the run             : valid={verification.Valid}, {verification.Entries} entries");
        lines.Append(CultureInfo.InvariantCulture, $"  peak memory (working set)     : {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):0} MiB");
        return lines.ToString();
    }

    private static async Task<LocalFunctionsHost> StartHostAsync(string root, AzuriteProcess azurite, bool largeTable)
    {
        var options = new LocalHostOptions { Port = 0, RepositoryRoot = root, MinimumLogLevel = LogLevel.Error };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        foreach (var function in new[] { "AuditCheckpoint", "AuditAnchor", "AuditFullVerification", "ProcessClaim" })
        {
            options.Settings[$"AzureWebJobs.{function}.Disabled"] = "true";
        }

        if (largeTable)
        {
            var anchors = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(ContainerNames.AuditAnchors + "-large");
            await anchors.CreateIfNotExistsAsync();
            options.ConfigureServices = services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TableServiceClient>(new RenamedTables(new TableServiceClient(azurite.ConnectionString), LargeSuffix, TableNames.AuditLog, TableNames.AuditChains)));
                services.Replace(ServiceDescriptor.Singleton<IAuditAnchorStore>(new BlobAuditAnchorStore(new AnchorsIn(new BlobServiceClient(azurite.ConnectionString), anchors.Name))));
            };
        }

        return await LocalFunctionsHost.StartAsync(options);
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

        return Median(latencies);
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The anchor container of the second host, so each host verifies against its own anchors.</summary>
    private sealed class AnchorsIn(BlobServiceClient inner, string container) : BlobServiceClient
    {
        public override BlobContainerClient GetBlobContainerClient(string blobContainerName) => inner.GetBlobContainerClient(container);
    }
}
