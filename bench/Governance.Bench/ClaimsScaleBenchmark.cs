using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Governance.Core.Storage;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
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
        var sides = new[] { new ClaimsScaleSide("small", small, smallCounter, options.SmallStore), new ClaimsScaleSide("large", large, largeCounter, options.LargeStore) };

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

    private static async Task<string> ThroughputAsync(ClaimsScaleSide side, ClaimsScaleOptions options)
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
        options.ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<TableServiceClient>(large ? new RenamedTables(tables, LargeSuffix, LargeTables) : tables));
        return await LocalFunctionsHost.StartAsync(options);
    }
}
