using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Security;
using Xunit.Abstractions;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// Azurite, keeping its data on disk (<c>--location</c>), is stopped for ten seconds while claims are being
/// processed, then started again on the same ports and data. While it is down every request that needs storage is
/// a 503 problem with Retry-After; afterwards everything accepted before the outage completes, once.
/// </summary>
[Trait("Category", "Faults")]
public sealed class StorageOutageFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Storage_down_for_ten_seconds_mid_processing_answers_503_problems_and_everything_accepted_before_completes_after()
    {
        var location = Path.Combine(Path.GetTempPath(), "governance-faults-azurite-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var stack = await FaultStack.CreateAsync(location);
            await stack.StartInProcessAsync();
            var traffic = new FaultTraffic(stack);
            var appId = await traffic.RegisterAppAsync();
            var claims = FaultTraffic.Claims(appId, 60);
            var patience = TimeSpan.FromMinutes(2);

            // Accepted before the outage; their processing (queue, ledger, audit, outbox) is still under way when storage goes.
            var before = await Task.WhenAll(claims.Take(40).Select(c => traffic.FileUntilAcceptedAsync(c, patience)));
            var clock = Stopwatch.StartNew();
            await stack.StopAzuriteAsync();
            output.WriteLine($"Azurite saved its data and exited {clock.Elapsed} after the 40th claim was accepted; it stays down for {Outage.TotalSeconds} s.");

            var during = new List<string>();
            var probes = 0;
            var outage = Stopwatch.StartNew();
            while (outage.Elapsed < Outage)
            {
                var claim = claims[40 + (probes % 20)];
                var answer = await traffic.TryFileAsync(claim);
                Assert.NotNull(answer);
                Check(during, "claim intake", answer.Value.Status, answer.Value.ContentType, answer.Value.RetryAfter, answer.Value.Text);
                foreach (var (path, role) in new[]
                {
                    ($"api/claims/{before[probes % before.Length]}", StaffRoles.Reviewer),
                    ("api/ledger/trial-balance", StaffRoles.Auditor),
                    ("api/audit/verify", StaffRoles.Auditor),
                    ("api/apps", StaffRoles.Operator),
                })
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, path);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token(role));
                    using var response = await stack.Client.SendAsync(request);
                    Check(during, "GET " + path, response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter, await response.Content.ReadAsStringAsync());
                }

                probes++;
            }

            output.WriteLine($"{probes * 5} requests during the outage.");
            Assert.True(during.Count == 0, $"{during.Count} answers during the outage were not 503 problems with Retry-After:\n" + string.Join('\n', during.Take(10)));

            await stack.RestartAzuriteAsync(location);
            output.WriteLine("Azurite restarted on the same ports and data.");

            // The claims refused during the outage are sent again, as their senders would, and taken once.
            var after = await Task.WhenAll(claims.Skip(40).Select(c => traffic.FileUntilAcceptedAsync(c, patience)));
            var claimIds = before.Concat(after).ToList();
            Assert.Equal(60, claimIds.Distinct().Count());

            var checks = stack.Checks;
            var settled = await checks.WaitForClaimsSettledAsync(claimIds, patience);
            Assert.All(settled.Values, c => Assert.Equal(ClaimStatus.Approved, c.Status));
            await checks.AssertAllAsync(claimIds, onboardingRequestIds: null, scanIds: null, fullAuditVerification: true);
            var poison = await checks.WaitForQueuesDrainedAsync(patience);
            Assert.True(poison.Values.All(n => n == 0), "messages were poisoned by the outage: " + string.Join(", ", poison.Where(p => p.Value > 0)));
        }
        finally
        {
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Check(List<string> failures, string what, HttpStatusCode status, string? contentType, RetryConditionHeaderValue? retryAfter, string text)
    {
        var problem = contentType == "application/problem+json" && JsonDocument.Parse(text).RootElement.TryGetProperty("status", out var s) && s.GetInt32() == 503;
        if (status != HttpStatusCode.ServiceUnavailable || !problem || retryAfter is null)
        {
            failures.Add($"{what}: {(int)status} {contentType} Retry-After={retryAfter} {text[..Math.Min(200, text.Length)]}");
        }
    }
}
