using System.Net;
using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// Webhook senders retry: the same signed delivery (same <c>webhook-id</c>, same bytes) arrives one to five times,
/// concurrently, interleaved with other claims' deliveries and late after the claim was processed. Each delivery
/// takes effect once.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
[Trait("Category", "Faults")]
public sealed class DuplicateWebhookFaultTests(GovernanceHostFixture fixture)
{
    private const int Claims = 40;
    private readonly ClaimsDriver _driver = new(fixture);

    private sealed record Delivery(string Key, string Path, byte[] Body, string WebhookId, WebhookSecret Secret);

    [Fact]
    public Task Claims_and_payout_confirmations_delivered_one_to_five_times_concurrently_and_out_of_order_take_effect_once()
        => FaultSeed.Choose().RunAsync(async random =>
        {
            var appId = await _driver.RegisterAppAsync();
            var claimsSecret = WebhookSecret.ParseList(fixture.Configuration["Webhooks:Claims:Secrets"])[0];
            var paymentsSecret = WebhookSecret.ParseList(fixture.Configuration["Webhooks:Payments:Secrets"])[0];
            var filings = Enumerable.Range(0, Claims)
                .Select(i => new Delivery("claim" + i, "api/webhooks/claims", _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 1_000 + i)), ClaimsDriver.NewId("msg"), claimsSecret))
                .ToList();

            // Round one: every filing 1-5 times, all shuffled and sent at once.
            var answers = await DeliverAsync(random, filings);
            var claimIds = new Dictionary<string, string>();
            foreach (var filing in filings)
            {
                var mine = answers[filing.Key];
                Assert.All(mine, a => Assert.True(a.Status == HttpStatusCode.Accepted, $"{filing.Key}: {(int)a.Status} {a.Body}"));
                claimIds[filing.Key] = Assert.Single(mine.Select(a => a.Body.GetProperty("claimId").GetString()!).Distinct());
            }

            Assert.Equal(Claims, claimIds.Values.Distinct().Count());
            var checks = fixture.FaultChecks();
            var settled = await checks.WaitForClaimsSettledAsync(claimIds.Values.ToList());
            Assert.All(settled.Values, c => Assert.Equal(ClaimStatus.Approved, c.Status));

            // Round two: payout confirmations 1-5 times each, mixed with late repeats of the filings.
            var confirmations = claimIds.Select(c => new Delivery(
                "payout-" + c.Key,
                $"api/claims/{c.Value}/payout-confirmation",
                JsonSerializer.SerializeToUtf8Bytes(new { claimId = c.Value, payoutReference = "pay-" + c.Value }),
                ClaimsDriver.NewId("pay"),
                paymentsSecret)).ToList();
            var second = await DeliverAsync(random, confirmations.Concat(filings).ToList());
            foreach (var filing in filings)
            {
                Assert.All(second[filing.Key], a => Assert.Equal(claimIds[filing.Key], a.Body.GetProperty("claimId").GetString()));
            }

            foreach (var confirmation in confirmations)
            {
                Assert.All(second[confirmation.Key], a => Assert.True(a.Status == HttpStatusCode.OK, $"{confirmation.Key}: {(int)a.Status} {a.Body}"));
            }

            var paid = await checks.WaitForClaimsSettledAsync(claimIds.Values.ToList());
            Assert.All(paid, c => Assert.Equal(ClaimStatus.Prepaid, c.Value.Status));
            Assert.All(paid, c => Assert.Equal("pay-" + c.Key, c.Value.PayoutReference));
            foreach (var claimId in claimIds.Values)
            {
                var actions = await AuditActionsAsync(claimId);
                Assert.Equal(1, actions.Count(a => a == "claim.received"));
                Assert.Equal(1, actions.Count(a => a == "claim.approved"));
                Assert.Equal(1, actions.Count(a => a == "claim.prepaid"));
            }

            await checks.AssertAllAsync(claimIds.Values.ToList(), onboardingRequestIds: [], scanIds: [], fullAuditVerification: false);
        });

    /// <summary>Sends each delivery 1-5 times, in a random order, 16 at a time; a 409 with Retry-After (a twin still running) is tried again, as senders do.</summary>
    private async Task<Dictionary<string, List<(HttpStatusCode Status, JsonElement Body)>>> DeliverAsync(Random random, IReadOnlyList<Delivery> deliveries)
    {
        var sends = deliveries.SelectMany(d => Enumerable.Repeat(d, random.Next(1, 6))).ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sends));
        var answers = deliveries.ToDictionary(d => d.Key, _ => new List<(HttpStatusCode, JsonElement)>());
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(sends.Select(async delivery =>
        {
            await gate.WaitAsync();
            try
            {
                var answer = await SendUntilAnsweredAsync(delivery);
                lock (answers)
                {
                    answers[delivery.Key].Add(answer);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return answers;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendUntilAnsweredAsync(Delivery delivery)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = ClaimsDriver.Sign(delivery.Path, delivery.Body, delivery.WebhookId, delivery.Secret, _driver.Now.ToUnixTimeSeconds());
            using var response = await fixture.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Conflict && response.Headers.RetryAfter is not null && attempt < 50)
            {
                await Task.Delay(200);
                continue;
            }

            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    private async Task<List<string>> AuditActionsAsync(string claimId)
    {
        using var request = ApiClient.Get($"api/audit?resource={Uri.EscapeDataString(Claim.Resource(claimId))}&pageSize=100").AsStaff(fixture, StaffRoles.Auditor);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return page.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
    }
}
