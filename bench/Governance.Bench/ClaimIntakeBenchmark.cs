using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Governance.Core.Claims;
using Governance.Core.Idempotency;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Governance.Bench.Harness;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Bench;

/// <summary>
/// Webhook intake throughput through the local host (HTTP, signature check, validation, idempotency, claim
/// insert, enqueue) against the storage operations that intake needs done directly with the SDK (idempotency
/// insert, claim insert, enqueue, idempotency completion), on the same Azurite, at the same concurrency, in
/// alternating rounds. The claim processor is disabled so both sides do only intake work.
/// </summary>
public sealed class ClaimIntakeBenchmark : IBenchmark
{
    public const double MinimumRatio = 0.7;

    public string Name => "claims";

    public async Task<BenchmarkReport> RunAsync(BenchContext context)
    {
        var requests = context.Args.Int("--requests", full: 2000, quick: 400);
        var concurrency = context.Args.Int("--concurrency", full: 16, quick: 16);
        var rounds = context.Args.Rounds(full: 7);
        await using var azurite = await BenchHosts.StartAzuriteAsync();
        await using var host = await BenchHosts.StartAsync(azurite, ["ProcessClaim"]);
        using var http = BenchHosts.Client(host, concurrency);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var secret = WebhookSecret.ParseList(configuration["Webhooks:Claims:Secrets"]).First();
        var signer = new WebhookSignature(TimeProvider.System);
        var factory = new StorageClientFactory(new ConfigurationBuilder().AddInMemoryCollection([new("AzureWebJobsStorage", azurite.ConnectionString)]).Build());
        var tables = factory.CreateTableServiceClient();
        var rawIdempotency = tables.GetTableClient(TableNames.Idempotency);
        var rawClaims = tables.GetTableClient(TableNames.Claims);
        var rawQueue = factory.CreateQueueServiceClient().GetQueueClient("bench-claims");
        await rawQueue.CreateIfNotExistsAsync();

        using var costs = new OperationCosts(azurite);
        List<OperationCost> intakeCosts = [], rawCosts = [];
        var run = 0;
        async Task<double> Intake(int count)
        {
            var batch = Interlocked.Increment(ref run);
            var result = await costs.MeasureAsync(count, intakeCosts, () => Load.RunAsync(count, concurrency, async i =>
            {
                var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(ClaimBody($"{batch}-{i}")));
                var headers = signer.Sign($"bench-{batch}-{i}", body, secret);
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/claims") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add(WebhookHeaders.IdHeader, headers.Id);
                request.Headers.Add(WebhookHeaders.TimestampHeader, headers.Timestamp);
                request.Headers.Add(WebhookHeaders.SignatureHeader, headers.Signature);
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }));
            return result.PerSecond;
        }

        async Task<double> Raw(int count)
        {
            var batch = Interlocked.Increment(ref run);
            var result = await costs.MeasureAsync(count, rawCosts, () => Load.RunAsync(count, concurrency, async i =>
            {
                var id = $"raw-{batch}-{i}";
                var body = JsonSerializer.Serialize(ClaimBody(id));
                var key = new TableEntity(IdempotencyStore.PartitionKeyFor(IdempotentOperations.SourceScope(Governance.Functions.Claims.ClaimWebhookFunction.Operation, ClaimIntakeService.WebhookSource), id), "request")
                {
                    ["RequestHash"] = new string('a', 64),
                    ["State"] = "pending",
                    ["LeaseExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(2),
                };
                await rawIdempotency.AddEntityAsync(key);
                await rawClaims.AddEntityAsync(new TableEntity(id, "claim") { ["Body"] = body, ["Status"] = "received", ["ReceivedAt"] = DateTimeOffset.UtcNow });
                await rawQueue.SendMessageAsync(JsonSerializer.Serialize(new { claimId = id }));
                key["State"] = "completed";
                key["Response"] = "{\"claimId\":\"" + id + "\",\"status\":\"received\"}";
                await rawIdempotency.UpdateEntityAsync(key, Azure.ETag.All, TableUpdateMode.Replace);
            }));
            return result.PerSecond;
        }

        // Warm both paths (JIT, connections, Azurite tables) before measuring.
        context.Report("warm-up");
        await Intake(200);
        await Raw(200);
        intakeCosts.Clear();
        rawCosts.Clear();

        // Azurite slows as its in-memory tables grow: the harness alternates which side goes first, and the ratio
        // is the median of per-round ratios of two measurements taken next to each other.
        var intake = await context.CompareAsync(
            "claim intake throughput", "claims/s", rounds,
            new Side("signed webhooks via the local host", _ => Intake(requests)),
            new Side("raw SDK operations of one intake", _ => Raw(requests)),
            target: Target.RatioAtLeast(MinimumRatio));
        return new BenchmarkReport(
            "Claim webhook intake vs the raw storage operations it needs",
            $"{requests} requests a round, concurrency {concurrency}, one in-memory Azurite; the claim processor is switched off so both sides do only intake work. "
            + "Raw side: idempotency insert, claim insert, enqueue, idempotency completion, done directly with the SDK.",
            [intake with { Detail = $"per claim (medians of the rounds; CPU of this process: host and load generator): {OperationCost.Describe(intakeCosts)} via the host vs {OperationCost.Describe(rawCosts)} raw" }],
            []);
    }

    private static object ClaimBody(string unique) => new
    {
        type = "claim.filed",
        data = new
        {
            externalReference = "bench-" + unique,
            userId = "user-" + unique,
            appId = "bench-app",
            orderId = "order-" + unique,
            occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
            damage = new { category = "unauthorized_charge", description = "Charged twice for one subscription." },
            amountClaimed = new { amount = 1_999, currency = "CNY" },
            evidence = new[] { new { name = "receipt.pdf", sha256 = new string('c', 64) } },
        },
    };
}
