using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Governance.Bench.Harness;

namespace Governance.Bench;

/// <summary>One host of the claims-scale benchmark (<see cref="ClaimsScaleBenchmark"/>) and what was measured on it.</summary>
internal sealed class ClaimsScaleSide(string name, LocalFunctionsHost host, StorageRequestCounter counter, int stored)
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

        return Stats.Median(latencies);
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
