using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging;
using Governance.Core.Aggregates;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Idempotency;
using Governance.Core.Ledger;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Events;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>Drives the claims API as its clients do: signed webhooks, staff tokens, polling for outcomes.</summary>
public sealed class ClaimsDriver(GovernanceHostFixture fixture)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Claim events taken off the events queue so far, by event id (each test's claims have their own ids).</summary>
    private static readonly ConcurrentDictionary<string, List<CloudEvent>> TakenEvents = new(StringComparer.Ordinal);

    public HttpClient Client => fixture.Client;

    public DateTimeOffset Now => fixture.Clock.GetUtcNow();

    public string Token(params string[] roles)
        => fixture.StaffToken(roles);

    public HttpRequestMessage Staff(HttpMethod method, string path, string role, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return request;
    }

    public async Task<JsonElement> StaffJsonAsync(HttpMethod method, string path, string role, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.SendAsync(Staff(method, path, role, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Sends money the API must refuse as a claim (intake), an approval and a settlement: each must be a 400 naming
    /// the money's <paramref name="part"/> (<c>amount</c> or <c>currency</c>).
    /// </summary>
    public async Task AssertMoneyRefusedAsync(string appId, long amount, string currency, string part)
    {
        var (intake, problem) = await FileAsync(Serialize(ClaimBody(appId, amount, currency: currency)));
        Assert.Equal(HttpStatusCode.BadRequest, intake);
        Assert.True(problem.GetProperty("errors").TryGetProperty("data.amountClaimed." + part, out _), problem.ToString());

        await FieldErrorAsync(HttpMethod.Post, $"api/claims/clm_{Guid.NewGuid():N}/decision", StaffRoles.Reviewer,
            new { decision = "approve", amount = new { amount, currency }, reason = "ok" }, "amount." + part);
        await FieldErrorAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator,
            new { amount, currency, reference = NewId("wire") }, part);
    }

    /// <summary>Sends a staff request that must be a 400 naming <paramref name="field"/>.</summary>
    private async Task FieldErrorAsync(HttpMethod method, string path, string role, object body, string field)
    {
        var problem = await StaffJsonAsync(method, path, role, body, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{method} {path}: no error for {field}: {problem}");
    }

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public async Task<string> RegisterAppAsync(string? developerId = null)
    {
        var appId = NewId("app");
        await StaffJsonAsync(HttpMethod.Post, "api/apps", StaffRoles.Operator, new { appId, name = "Test app " + appId, developerId }, HttpStatusCode.Created);
        return appId;
    }

    public static object ClaimBody(string appId, long amount, string? userId = null, string? orderId = null, DateTimeOffset? occurredAt = null, bool evidence = true, string category = "unauthorized_charge", string currency = "CNY")
        => new
        {
            type = "claim.filed",
            data = new
            {
                externalReference = NewId("cs"),
                userId = userId ?? NewId("user"),
                appId,
                orderId = orderId ?? NewId("order"),
                occurredAt = occurredAt ?? AppClock.Now.AddDays(-2),
                damage = new { category, description = "Charged twice for one subscription." },
                amountClaimed = new { amount, currency },
                evidence = evidence ? new[] { new { name = "receipt.pdf", sha256 = new string('a', 64), url = "https://evidence.example/receipt.pdf" } } : [],
            },
        };

    public byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body);

    /// <summary>A webhook request signed with the development secret, as the customer-service system sends it.</summary>
    public HttpRequestMessage SignedWebhook(string path, byte[] body, string webhookId, string secretSetting = "Webhooks:Claims:Secrets", long? timestamp = null)
    {
        var secret = WebhookSecret.ParseList(fixture.Configuration[secretSetting])[0];
        return Sign(path, body, webhookId, secret, timestamp ?? Now.ToUnixTimeSeconds());
    }

    /// <summary>A Standard Webhooks POST of <paramref name="body"/> signed with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Sign(string path, byte[] body, string webhookId, WebhookSecret secret, long timestamp)
    {
        var signature = Convert.ToBase64String(WebhookSignature.Compute(secret, webhookId, timestamp, body));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", "v1," + signature);
        return request;
    }

    /// <summary>The operation id the edge gives the intake of this delivery (<see cref="Governance.Functions.Http.IdempotentPost"/>).</summary>
    public static string IntakeOperationId(string webhookId, byte[] body)
        => IdempotentOperations.OperationId(IdempotentOperations.SourceScope(Governance.Functions.Claims.ClaimWebhookFunction.Operation, ClaimIntakeService.WebhookSource),
            webhookId, IdempotencyStore.HashRequest(body, "POST", "/api/webhooks/claims"));

    public async Task<(HttpStatusCode Status, JsonElement Body)> FileAsync(byte[] body, string? webhookId = null)
    {
        using var response = await Client.SendAsync(SignedWebhook("api/webhooks/claims", body, webhookId ?? NewId("msg")));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Files a claim through the intake service with <paramref name="store"/> (e.g. one whose follow-ups fail).</summary>
    public async Task<ClaimIntake> FileThroughAsync(AggregateStore<Claim> store, string appId, long amount = 2_500)
    {
        var intake = ActivatorUtilities.CreateInstance<ClaimIntakeService>(fixture.Services, store);
        var body = Serialize(ClaimBody(appId, amount));
        var webhook = JsonSerializer.Deserialize<ClaimWebhook>(body, Governance.Core.Json.GovernanceJson.Options)!;
        return await intake.FileAsync(webhook, NewId("msg"), Guid.NewGuid().ToString("N"), "http://localhost/api");
    }

    /// <summary>Files a claim and returns (claimId, statusToken), asserting the 202 contract.</summary>
    public async Task<(string ClaimId, string Token)> FileNewAsync(object claim)
    {
        var (status, body) = await FileAsync(Serialize(claim));
        Assert.True(status == HttpStatusCode.Accepted, $"intake answered {(int)status}: {body}");
        Assert.Equal("received", body.GetProperty("status").GetString());
        return (body.GetProperty("claimId").GetString()!, body.GetProperty("statusToken").GetString()!);
    }

    public async Task<JsonElement> StatusAsync(string claimId, string token)
    {
        using var response = await Client.GetAsync($"api/claims/{claimId}/status?token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<JsonElement> WaitForStatusAsync(string claimId, string token, string status)
    {
        JsonElement last = default;
        await Eventually.HoldsAsync(async () =>
        {
            last = await StatusAsync(claimId, token);
            return last.GetProperty("status").GetString() == status;
        }, Patience, $"claim {claimId} to become {status}");
        return last;
    }

    /// <summary>Waits until the claim is processed and everything its changes owe (postings, events, audit, index rows) has run.</summary>
    public async Task<Claim> WaitSettledAsync(string claimId)
    {
        var store = fixture.Services.GetRequiredService<AggregateStore<Claim>>();
        Claim? claim = null;
        await Eventually.HoldsAsync(async () =>
        {
            claim = (await store.FindAsync(claimId))?.State;
            return claim is not null && claim.Status != ClaimStatus.Received && (await PendingOutboxRowsAsync(claimId)).Count == 0;
        }, Patience, $"claim {claimId} to be processed with no owed work");
        return claim!;
    }

    /// <summary>The claim's outbox rows (events and follow-ups) not yet published or run.</summary>
    public async Task<List<TableEntity>> PendingOutboxRowsAsync(string claimId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {claimId} and RowKey ge {OutboxKeys.EventPrefix} and RowKey lt {OutboxKeys.EventRangeEnd} and Status eq {"pending"}");
        var rows = new List<TableEntity>();
        await foreach (var row in fixture.Tables.GetTableClient(TableNames.Claims).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Rows of the posting with that id: one header and its lines.</summary>
    public async Task<List<TableEntity>> PostingRowsAsync(string postingId)
    {
        var table = fixture.Tables.GetTableClient(TableNames.Ledger);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableLedger.PartitionKey(postingId)} and RowKey ge {TableLedger.HeaderRowKey(postingId)} and RowKey lt {TableLedger.PostingRowsEnd(postingId)}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every ledger line of the claim's postings, across all its posting ids (a test-only read of every shard).</summary>
    public async Task<List<TableEntity>> ClaimLedgerLinesAsync(string claimId)
    {
        var table = fixture.Tables.GetTableClient(TableNames.Ledger);
        var prefix = $"claim:{claimId}:";
        var filter = TableClient.CreateQueryFilter($"PostingId ge {prefix} and PostingId lt {prefix + "~"}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            if (row.RowKey.Contains("|line-", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    public async Task AssertTrialBalanceBalancedAsync()
    {
        var balance = await StaffJsonAsync(HttpMethod.Get, "api/ledger/trial-balance", StaffRoles.Auditor);
        Assert.True(balance.GetProperty("balanced").GetBoolean(), "trial balance is not balanced: " + balance);
        foreach (var total in balance.GetProperty("totals").EnumerateArray())
        {
            Assert.Equal(total.GetProperty("debit").GetInt64(), total.GetProperty("credit").GetInt64());
        }

        var accounts = balance.GetProperty("accounts").EnumerateArray().ToList();
        foreach (var currency in accounts.GroupBy(a => a.GetProperty("currency").GetString()))
        {
            Assert.Equal(0, currency.Sum(a => a.GetProperty("balance").GetInt64()));
        }
    }

    /// <summary>
    /// The claim's events with this id as a consumer receives them: from the events queue the outbox relay
    /// publishes to. Waits until as many have arrived as the claim's partition recorded (at least one), so an
    /// event recorded twice is returned twice. Events already taken by an earlier call are returned again.
    /// </summary>
    public async Task<IReadOnlyList<CloudEvent>> ClaimEventsAsync(string claimId, string eventId)
    {
        var expected = Math.Max(1, (await RecordedEventsAsync(claimId)).Count(e => e.GetProperty("id").GetString() == eventId));
        var taken = TakenEvents.GetOrAdd(eventId, _ => []);
        var queue = fixture.Queues.GetQueueClient(StorageCatalog.QueueName(fixture.Configuration, StorageQueueEventPublisher.QueueSetting));
        var received = await EventsQueueReader.CollectAsync(
            queue,
            e => e.Id == eventId && e.Source == EventSources.Claims,
            r => taken.Count + r.Count >= expected,
            Patience);
        lock (taken)
        {
            taken.AddRange(received);
            return taken.ToList();
        }
    }

    /// <summary>
    /// The CloudEvents JSON the outbox recorded in the claim's partition (sent or not), in sequence order: the
    /// exact bytes the relay publishes.
    /// </summary>
    public async Task<List<JsonElement>> RecordedEventsAsync(string claimId)
    {
        var table = fixture.Tables.GetTableClient(TableNames.Claims);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {claimId} and RowKey ge {OutboxKeys.EventPrefix} and RowKey lt {OutboxKeys.EventRangeEnd}");
        var events = new List<JsonElement>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            // Follow-ups share the sequence with the events; only event rows carry a CloudEvent.
            if (row.GetString("CloudEvent") is { } cloudEvent)
            {
                events.Add(JsonDocument.Parse(cloudEvent).RootElement.Clone());
            }
        }

        return events;
    }

    /// <summary>Files a small claim with evidence and waits until it is auto-approved and settled.</summary>
    public async Task<string> ApprovedClaimAsync(string appId, long amount)
    {
        var (claimId, token) = await FileNewAsync(ClaimBody(appId, amount));
        await WaitForStatusAsync(claimId, token, "approved");
        await WaitSettledAsync(claimId);
        return claimId;
    }

    /// <summary>An auto-approved claim whose payout an operator confirmed.</summary>
    public async Task<string> PrepaidClaimAsync(string appId, long amount)
    {
        var claimId = await ApprovedClaimAsync(appId, amount);
        await StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator, new { payoutReference = NewId("payout") });
        await WaitSettledAsync(claimId);
        return claimId;
    }

    /// <summary>Runs a timer or queue function now, as the host would.</summary>
    public async Task RunFunctionAsync(string function)
    {
        using var response = await Client.PostAsync($"admin/functions/{function}", Json(new { input = "" }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
