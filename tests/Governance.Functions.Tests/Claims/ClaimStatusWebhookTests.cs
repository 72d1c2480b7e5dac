using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Claims;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Governance.Functions.Hosting;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Claims;

/// <summary>
/// Status webhooks to the intake source, through a second local host whose <c>Webhooks__ClaimsStatus__Url</c>
/// points at a loopback receiver (the shared host has the feature off, as by default). The second host has its
/// own claims and callbacks queues, so its claims are processed and its webhooks delivered by it alone, and it
/// runs no other queue or timer function, so it never takes work of the shared host's tests.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClaimStatusWebhookTests(GovernanceHostFixture fixture)
{
    private static readonly string[] ServedByTheSecondHost = ["ProcessClaim", "WebhookDelivery", "OutboxRelayNudge", "OutboxRelaySweep"];

    [Fact]
    public async Task Each_status_change_of_a_claim_reaches_the_intake_callback_once_signed_with_the_claims_secret()
    {
        var driver = new ClaimsDriver(fixture);
        var appId = await driver.RegisterAppAsync();
        using var receiver = new CallbackReceiver();
        await using var host = await StartHostWithStatusWebhooksAsync(receiver.Url);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var claim = ClaimsDriver.ClaimBody(appId, 500);
        using var filed = await client.SendAsync(driver.SignedWebhook("api/webhooks/claims", driver.Serialize(claim), ClaimsDriver.NewId("msg")));
        var intake = JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        var claimId = intake.GetProperty("claimId").GetString()!;
        await WaitForStatusesAsync(receiver, claimId, "received", "approved");

        using var confirmed = await client.SendAsync(driver.Staff(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator, new { payoutReference = ClaimsDriver.NewId("payout") }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var webhooks = await WaitForStatusesAsync(receiver, claimId, "received", "approved", "prepaid");

        var secrets = WebhookSecret.ParseList(fixture.Configuration["Webhooks:Claims:Secrets"]);
        var signature = new WebhookSignature(fixture.Clock);
        foreach (var (headers, body) in webhooks.Values)
        {
            Assert.Equal(headers.Id, signature.Verify(headers, body, secrets));
            Assert.Equal("claim.status_changed", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
        }

        var data = webhooks.ToDictionary(w => w.Key, w => JsonDocument.Parse(w.Value.Body).RootElement.GetProperty("data"));
        Assert.Equal(["received", "approved", "prepaid"], data.Values.OrderBy(d => d.GetProperty("changedAt").GetDateTimeOffset()).Select(d => d.GetProperty("status").GetString()));
        Assert.All(data.Values, d => Assert.Equal(claimId, d.GetProperty("claimId").GetString()));
        Assert.All(data.Values, d => Assert.Equal(ExternalReference(claim), d.GetProperty("externalReference").GetString()));
        var approved = data[ClaimStatusWebhooks.DeliveryId(claimId, "approved")];
        Assert.Equal("received", approved.GetProperty("previousStatus").GetString());
        Assert.Equal(ClaimReasonCodes.AutoApproved, approved.GetProperty("reasonCode").GetString());
        Assert.Equal(500, approved.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        Assert.Equal("approved", data[ClaimStatusWebhooks.DeliveryId(claimId, "prepaid")].GetProperty("previousStatus").GetString());
        Assert.False(data[ClaimStatusWebhooks.DeliveryId(claimId, "received")].TryGetProperty("previousStatus", out _));
    }

    [Fact]
    public async Task The_sample_settings_leave_status_webhooks_off_and_a_settled_claim_owes_none()
    {
        var driver = new ClaimsDriver(fixture);
        var claimId = await driver.PrepaidClaimAsync(await driver.RegisterAppAsync(), 300);

        Assert.False(fixture.Services.GetRequiredService<ClaimStatusWebhooks>().Enabled);
        Assert.Equal(ClaimStatus.Prepaid, (await driver.WaitSettledAsync(claimId)).Status);
        Assert.Empty(await driver.PendingOutboxRowsAsync(claimId));
    }

    /// <summary>
    /// The second host's own outbox index and relay queue: only it runs the work its changes owe, with its settings
    /// (the shared host, with status webhooks off, would drop them).
    /// </summary>
    private sealed class OwnOutbox(TableServiceClient inner, string suffix) : TableServiceClient
    {
        public override TableClient GetTableClient(string tableName) => inner.GetTableClient(Rename(tableName));

        public override Task<Azure.Response<Azure.Data.Tables.Models.TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
            => inner.CreateTableIfNotExistsAsync(Rename(tableName), cancellationToken);

        private string Rename(string table) => table == TableNames.Outbox ? table + suffix : table;
    }

    /// <summary>
    /// Waits for one webhook per status (by <c>webhook-id</c>) and returns them; a redelivery of the same id
    /// must carry the same body, and no other id may arrive for the claim.
    /// </summary>
    private static async Task<Dictionary<string, (WebhookHeaders Headers, byte[] Body)>> WaitForStatusesAsync(CallbackReceiver receiver, string claimId, params string[] statuses)
    {
        var expected = statuses.Select(s => ClaimStatusWebhooks.DeliveryId(claimId, s)).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, (WebhookHeaders Headers, byte[] Body)> byId = [];
        await Eventually.HoldsAsync(() =>
        {
            byId = [];
            foreach (var (headers, body) in receiver.Received.ToArray())
            {
                var id = headers[WebhookHeaders.IdHeader];
                if (byId.TryGetValue(id, out var first))
                {
                    Assert.Equal(first.Body, body);
                    continue;
                }

                byId[id] = (new WebhookHeaders(id, headers[WebhookHeaders.TimestampHeader], headers[WebhookHeaders.SignatureHeader]), body);
            }

            return expected.IsSubsetOf(byId.Keys);
        }, ClaimsDriver.Patience, $"status webhooks {string.Join(", ", statuses)} of claim {claimId}");

        Assert.Equal(expected.Order(StringComparer.Ordinal), byId.Keys.Order(StringComparer.Ordinal));
        return byId;
    }

    private async Task<LocalFunctionsHost> StartHostWithStatusWebhooksAsync(string callbackUrl)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var options = new LocalHostOptions
        {
            Port = 0,
            RepositoryRoot = GovernanceHostFixture.RepositoryRoot,
            MinimumLogLevel = LogLevel.Warning,
            ConfigureHostJson = h => h with { QueueMaxPollingInterval = TimeSpan.FromMilliseconds(250) },
            ConfigureServices = services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(fixture.Clock));
                services.Replace(ServiceDescriptor.Singleton<TableServiceClient>(new OwnOutbox(new TableServiceClient(fixture.StorageConnectionString), "Status" + suffix)));
            },
        };
        options.Settings["AzureWebJobsStorage"] = fixture.StorageConnectionString;
        options.Settings["Webhooks__ClaimsStatus__Url"] = callbackUrl;
        options.Settings["ClaimsQueue"] = "claims-status-" + suffix;
        options.Settings["CallbacksQueue"] = "callbacks-status-" + suffix;
        options.Settings["OutboxRelayQueue"] = "outbox-relay-status-" + suffix;
        foreach (var function in FunctionCatalog.Discover(typeof(FunctionCatalog).Assembly))
        {
            if (function.Trigger != TriggerKind.Http && !ServedByTheSecondHost.Contains(function.Name))
            {
                options.Settings[$"AzureWebJobs.{function.Name}.Disabled"] = "true";
            }
        }

        return await LocalFunctionsHost.StartAsync(options);
    }

    private static string ExternalReference(object claim)
        => JsonDocument.Parse(JsonSerializer.Serialize(claim)).RootElement.GetProperty("data").GetProperty("externalReference").GetString()!;
}
