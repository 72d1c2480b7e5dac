using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Governance.Bench.Harness;
using Governance.Core.Claims;
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
public sealed class ClaimsScaleBenchmark : IBenchmark
{
    public const double LatencyTarget = 1.5;
    public const double ThroughputTarget = 0.5;
    private const string LargeSuffix = "Large";
    private static readonly string[] LargeTables = [TableNames.Claims, TableNames.ClaimIndex, TableNames.Ledger, TableNames.Outbox];

    public string Name => "claims-scale";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var rounds = context.Args.Rounds(full: 5);
        var claims = context.Args.Int("--claims", full: 300, quick: 100);
        var concurrency = context.Args.Int("--concurrency", full: 16, quick: 16);
        var largeStore = context.Args.Int("--large", full: 50_000, quick: 5_000);
        var smallStore = context.Args.Int("--small", full: 100, quick: 100);
        var requests = context.Args.Int("--requests", full: 20, quick: 10);
        var root = BenchHosts.Root;
        await using var azurite = await BenchHosts.StartAzuriteAsync();
        var smallCounter = new StorageRequestCounter();
        var largeCounter = new StorageRequestCounter();
        await using var small = await StartHostAsync(root, azurite, smallCounter, large: false);
        await using var large = await StartHostAsync(root, azurite, largeCounter, large: true);
        var sides = new[] { new ClaimsScaleSide("small", small, smallCounter, smallStore), new ClaimsScaleSide("large", large, largeCounter, largeStore) };

        var seeding = Stopwatch.StartNew();
        foreach (var side in sides)
        {
            context.Report($"seeding {side.Stored:N0} claims in open recourse ({side.Name} store)");
            side.AppId = await side.RegisterAppAsync("bench-recourse-" + side.Name);
            await ClaimsSeeder.SeedAsync(side.Host.Services, side.AppId, side.Stored);
        }

        seeding.Stop();
        var reviews = (rounds + 1) * requests;
        foreach (var side in sides)
        {
            context.Report($"filing {reviews} claims for review ({side.Name} store)");
            await side.FileForReviewAsync(side.AppId, reviews, concurrency);
        }

        // Warm-up (JIT, connections), then the measured rounds in alternating order.
        foreach (var side in sides)
        {
            await side.DecisionLatencyAsync(requests);
            await side.RecourseLatencyAsync(requests);
        }

        var decisions = await context.CompareAsync("claim decision latency", "ms", rounds,
            new Side($"{largeStore:N0} claims stored", _ => sides[1].DecisionLatencyAsync(requests)),
            new Side($"{smallStore:N0} claims stored", _ => sides[0].DecisionLatencyAsync(requests)),
            lowerIsBetter: true, target: Target.RatioAtMost(LatencyTarget));
        var recourse = await context.CompareAsync("GET /api/recourse/{appId} latency", "ms", rounds,
            new Side($"{largeStore:N0} open claims", _ => sides[1].RecourseLatencyAsync(requests)),
            new Side($"{smallStore:N0} open claims", _ => sides[0].RecourseLatencyAsync(requests)),
            lowerIsBetter: true, target: Target.RatioAtMost(LatencyTarget));
        var raw = await RawPointReadsAsync(context, azurite, rounds, largeStore, smallStore, requests);
        var throughput = await ThroughputAsync(context, sides[0], rounds, claims, concurrency);
        return new BenchmarkReport(
            "Claims at scale: decision and recourse latency by store size, processing vs intake",
            $"Two local hosts of the same app on one in-memory Azurite, the second with its claims, claim index, ledger and outbox in tables of their own, seeded past the relay ({seeding.Elapsed.TotalSeconds:0} s); median of {requests} sequential requests a round; {claims} claims a round for throughput, concurrency {concurrency}.",
            [
                decisions with { Detail = $"storage requests per decision: {sides[1].DecisionCost} vs {sides[0].DecisionCost}" },
                recourse with { Detail = $"storage requests per view: {sides[1].RecourseCost} vs {sides[0].RecourseCost}" },
                raw,
                throughput,
            ],
            ["Azurite keeps a table as one in-memory collection and filters it per request, so even a point read slows as the table grows: the raw point-read comparison is that growth with nothing of the app. The decision and recourse ratios are to be read against it; their storage requests per operation (equal at both sizes) show what a request's cost is bounded by on Table Storage, where a point read or a partition range does not grow with the table."]);
    }

    /// <summary>
    /// The emulator's own growth, the baseline for the two latency ratios: the median latency of a raw point read (the
    /// operation a decision and a recourse view are made of) of claim rows in the large store's claims table against the
    /// small store's, on the same Azurite, with the SDK and nothing of the app. The tables are the ones the hosts use,
    /// so their shape (one partition per claim) is the one that matters to the emulator.
    /// </summary>
    private static async Task<Comparison> RawPointReadsAsync(BenchContext context, AzuriteProcess azurite, int rounds, int largeRows, int smallRows, int requests)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        async Task<(TableClient Table, List<string> Ids)> SampleAsync(string name)
        {
            context.Report($"raw baseline: sampling claim ids of {name}");
            var table = service.GetTableClient(name);
            var ids = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ClaimMap.ClaimRowKey}"), maxPerPage: 1000, select: ["PartitionKey"]))
            {
                ids.Add(row.PartitionKey);
                if (ids.Count == 1000)
                {
                    break;
                }
            }

            return (table, ids);
        }

        var large = await SampleAsync(TableNames.Claims + LargeSuffix);
        var small = await SampleAsync(TableNames.Claims);
        Side Reads(string label, (TableClient Table, List<string> Ids) store) => new(label, async _ =>
        {
            var latencies = new List<double>();
            for (var i = 0; i < requests * 10; i++)
            {
                var id = store.Ids[Random.Shared.Next(store.Ids.Count)];
                var stopwatch = Stopwatch.StartNew();
                await store.Table.GetEntityIfExistsAsync<TableEntity>(id, ClaimMap.ClaimRowKey);
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            return Stats.Median(latencies);
        });
        return await context.CompareAsync("raw point read of a claim row (Azurite's own growth)", "ms", rounds,
            Reads($"{largeRows:N0}+ claims table", large), Reads($"{smallRows:N0}+ claims table", small), lowerIsBetter: true);
    }

    /// <summary>Each round files N claims as fast as the client can (intake claims/s = N / time to the last 202) while the processor decides them (processing claims/s = N / time until the last is approved with all it owes).</summary>
    private static async Task<Comparison> ThroughputAsync(BenchContext context, ClaimsScaleSide side, int rounds, int claims, int concurrency)
    {
        var intake = new List<double>();
        var processing = new List<double>();
        var before = side.Counter.Snapshot();
        context.Report("throughput: warm-up");
        await side.FileAndProcessAsync(await side.RegisterAppAsync("bench-warm"), 50, concurrency);
        for (var round = 0; round < rounds; round++)
        {
            context.Report($"throughput: round {round + 1}/{rounds}");
            var (filed, processed) = await side.FileAndProcessAsync(await side.RegisterAppAsync($"bench-flow-{round}"), claims, concurrency);
            intake.Add(filed);
            processing.Add(processed);
        }

        var cost = StorageRequestCounter.Difference(before, side.Counter.Snapshot(), (rounds * claims) + 50);
        return new Comparison("claim processing vs intake throughput", "claims/s", "processing (filed to approved with all it owes)", processing,
            "intake (signed webhooks answered 202)", intake, Target: Target.RatioAtLeast(ThroughputTarget), Detail: $"storage requests per claim, both steps: {cost}");
    }

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
