using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Governance.Core.Claims;
using Governance.Core.Idempotency;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench;

/// <summary>
/// Webhook intake throughput through the local host (HTTP, signature check, validation, idempotency, claim
/// insert, enqueue) against the storage operations that intake needs done directly with the SDK (idempotency
/// insert, claim insert, enqueue, idempotency completion), on the same Azurite, at the same concurrency, in
/// alternating rounds. The claim processor is disabled so both sides do only intake work.
/// </summary>
public static class ClaimIntakeBenchmark
{
    public const double Target = 0.7;

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var root = RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        await using var azurite = await AzuriteProcess.StartAsync(root, (0, 0, 0), inMemory: true);
        var hostOptions = new LocalHostOptions { Port = 0, RepositoryRoot = root, MinimumLogLevel = LogLevel.Error };
        hostOptions.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        hostOptions.Settings["AzureWebJobs.ProcessClaim.Disabled"] = "true";
        await using var host = await LocalFunctionsHost.StartAsync(hostOptions);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = host.BaseAddress };
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var secret = WebhookSecret.ParseList(configuration["Webhooks:Claims:Secrets"]).First();
        var signer = new WebhookSignature(TimeProvider.System);
        var factory = new StorageClientFactory(new ConfigurationBuilder().AddInMemoryCollection([new("AzureWebJobsStorage", azurite.ConnectionString)]).Build());
        var tables = factory.CreateTableServiceClient();
        var rawIdempotency = tables.GetTableClient(TableNames.Idempotency);
        var rawClaims = tables.GetTableClient(TableNames.Claims);
        var rawQueue = factory.CreateQueueServiceClient().GetQueueClient("bench-claims");
        await rawQueue.CreateIfNotExistsAsync();

        var run = 0;
        async Task<double> Intake(int count)
        {
            var batch = Interlocked.Increment(ref run);
            return await Load.RunAsync(count, options.Concurrency, async i =>
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
            });
        }

        async Task<double> Raw(int count)
        {
            var batch = Interlocked.Increment(ref run);
            return await Load.RunAsync(count, options.Concurrency, async i =>
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
            });
        }

        // Warm both paths (JIT, connections, Azurite tables) before measuring.
        await Intake(200);
        await Raw(200);

        // Azurite slows as its in-memory tables grow, so the order alternates (raw first, then intake first) and
        // each round's ratio compares two measurements taken next to each other.
        var intake = new List<double>();
        var raw = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            if (round % 2 == 0)
            {
                raw.Add(await Raw(options.Requests));
                intake.Add(await Intake(options.Requests));
            }
            else
            {
                intake.Add(await Intake(options.Requests));
                raw.Add(await Raw(options.Requests));
            }
        }

        var ratios = intake.Zip(raw, (i, r) => i / r).ToList();
        var medianIntake = Load.Median(intake);
        var medianRaw = Load.Median(raw);
        var ratio = Load.Median(ratios);
        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"Claim webhook intake vs raw storage operations ({options.Requests} requests x {options.Rounds} rounds, concurrency {options.Concurrency}, Azurite in memory, {Environment.ProcessorCount} cores)");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  raw SDK operations : {string.Join(", ", raw.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} claims/s (median {medianRaw:0})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  intake via HTTP    : {string.Join(", ", intake.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} claims/s (median {medianIntake:0})");
        lines.AppendLine(CultureInfo.InvariantCulture, $"  ratio per round    : {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}");
        lines.Append(CultureInfo.InvariantCulture, $"  ratio intake/raw   : {ratio:0.00} (median of the rounds; target >= {Target:0.0}: {(ratio >= Target ? "met" : "NOT met")})");
        return lines.ToString();
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
