using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// 10,000 malformed or hostile requests spread over every operation of the app's own OpenAPI document, on a host
/// and Azurite of their own that hold one resource of each kind: no 5xx, every rejection a problem document, and
/// no stored row or blob changed.
/// </summary>
[Trait("Category", "Faults")]
public sealed class HostileRequestFaultTests(ITestOutputHelper output)
{
    /// <summary>10,000; <c>FAULT_HOSTILE_REQUESTS</c> changes it for a quick local run.</summary>
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("FAULT_HOSTILE_REQUESTS"), out var n) && n > 0 ? n : 10_000;

    /// <summary>
    /// Rows a rejected request legitimately writes: the sign-up rate limiter counts attempts per client address
    /// before it looks at the body (that is its job: a flood of bad sign-ups is still a flood). No other table is
    /// excluded.
    /// </summary>
    private static readonly HashSet<string> Excluded = [TableNames.RateLimits];

    [Fact]
    public async Task Ten_thousand_hostile_requests_over_every_endpoint_cause_no_5xx_answer_only_problems_and_change_no_stored_data()
    {
        var seed = FaultSeed.Choose();
        await using var stack = await FaultStack.CreateAsync();
        await stack.StartInProcessAsync();
        var world = await PopulateAsync(stack);

        using var document = JsonDocument.Parse(await stack.Client.GetStringAsync("api/openapi.json"));
        var operations = HostileOperation.FromOpenApi(document.RootElement);
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the OpenAPI document");

        await stack.Checks.WaitForQueuesDrainedAsync();

        // An auditor's GET /api/audit/verify moves each chain's checkpoint up to its head (its documented job); done
        // once before the snapshot, the checkpoints are at the heads, and a hostile request appends no entry to move them.
        await stack.Checks.AssertAuditVerifiesAsync(full: false);
        var before = await StorageSnapshot.TakeAsync(stack.Tables, stack.Blobs, Excluded);

        var generator = new HostileRequests(seed.NewRandom(), world);
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Header values as a hostile client writes them: any character, sent as UTF-8 (U+0080 is two bytes on the wire).
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 })
        {
            BaseAddress = stack.Client.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        using var gate = new SemaphoreSlim(8);
        var planned = Enumerable.Range(0, Requests).Select(i => generator.Next(operations[i % operations.Count])).ToList();
        await Task.WhenAll(planned.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = item.Request;
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    failures.Enqueue($"{status} for {item.Description}: {text[..Math.Min(300, text.Length)]}");
                }
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Enqueue($"{status} without a problem document ({response.Content.Headers.ContentType}) for {item.Description}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Enqueue($"no answer ({ex.GetType().Name}: {ex.Message}) for {item.Description}");
            }
            finally
            {
                gate.Release();
            }
        }));

        output.WriteLine($"{Requests} requests over {operations.Count} operations in {clock.Elapsed}, {seed}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {Requests} requests failed ({seed}):\n" + string.Join('\n', failures.Take(30)));

        await stack.Checks.WaitForQueuesDrainedAsync();
        var after = await StorageSnapshot.TakeAsync(stack.Tables, stack.Blobs, Excluded);
        var changed = after.DifferencesFrom(before);
        Assert.True(changed.Count == 0, $"hostile requests changed stored data ({seed}):\n" + string.Join('\n', changed.Take(30)));
        await stack.Checks.AssertAllAsync([world.RealIds["claimId"]], onboardingRequestIds: null, scanIds: null, fullAuditVerification: false);
    }

    /// <summary>One developer, app, claim, onboarding request and pricing scan, each finished, so requests can name real ids.</summary>
    private static async Task<HostileWorld> PopulateAsync(FaultStack stack)
    {
        var traffic = new FaultTraffic(stack);
        var appId = await traffic.RegisterAppAsync();
        using var signUp = await stack.Client.PostAsJsonAsync("api/developers", new { organization = "Target Ltd", contactEmail = "target@example.com" });
        var developer = await signUp.Content.ReadFromJsonAsync<JsonElement>();
        var apiKey = developer.GetProperty("apiKey").GetString()!;
        var claimId = await traffic.FileUntilAcceptedAsync(FaultTraffic.Claims(appId, 1)[0], TimeSpan.FromMinutes(1));
        var requestId = await traffic.SubmitOnboardingUntilAcceptedAsync(apiKey, "Target Delivery", TimeSpan.FromMinutes(1));

        using var scanRequest = new HttpRequestMessage(HttpMethod.Post, "api/pricing/scans")
        {
            Content = JsonContent.Create(new { from = DateTimeOffset.UtcNow.Date.AddDays(-2), to = DateTimeOffset.UtcNow.Date.AddDays(-1) }),
        };
        scanRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token(StaffRoles.Operator));
        using var scan = await stack.Client.SendAsync(scanRequest);
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        var scanId = (await scan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scanId").GetString()!;

        await stack.Checks.WaitForClaimsSettledAsync([claimId]);
        await stack.Checks.AssertNothingStuckAsync();
        return new HostileWorld(
            role => stack.Token(role),
            apiKey,
            Infrastructure.GovernanceHostFixture.PricingIngestionKey,
            WebhookSecret.ParseList(stack.Configuration["Webhooks:Claims:Secrets"])[0],
            WebhookSecret.ParseList(stack.Configuration["Webhooks:Payments:Secrets"])[0],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["claimId"] = claimId, ["appId"] = appId, ["developerId"] = developer.GetProperty("developerId").GetString()!,
                ["requestId"] = requestId, ["scanId"] = scanId, ["kind"] = "platform-rules", ["version"] = "1",
            });
    }
}
