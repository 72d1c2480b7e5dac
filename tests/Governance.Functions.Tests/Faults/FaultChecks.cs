using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// What must hold after any fault: every accepted claim processed and paid exactly once, the ledger balanced, the
/// audit chain verified, no onboarding request or pricing scan stuck, no queue message lost (processed or in the
/// poison queue). Looks through the API where it answers, and behind it with the storage SDK where it does not.
/// </summary>
public sealed class FaultChecks(HttpClient client, Func<string[], string> token, TableServiceClient tables, QueueServiceClient queues, IConfiguration configuration)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The claims' states once each is decided and its partition owes no event or follow-up (no pending outbox enlistment).</summary>
    public async Task<IReadOnlyDictionary<string, Claim>> WaitForClaimsSettledAsync(IReadOnlyCollection<string> claimIds, TimeSpan? timeout = null)
    {
        var table = tables.GetTableClient(TableNames.Claims);
        var outbox = tables.GetTableClient(TableNames.Outbox);
        var map = new ClaimMap();
        var settled = new Dictionary<string, Claim>(StringComparer.Ordinal);
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var id in claimIds.Where(id => !settled.ContainsKey(id)))
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(id, ClaimMap.ClaimRowKey);
                if (!row.HasValue || row.Value is null)
                {
                    continue;
                }

                var claim = map.FromRow(row.Value);
                var prefix = OutboxKeys.IndexRowPrefix(TableNames.Claims, id);
                var owed = false;
                await foreach (var _ in outbox.QueryAsync<TableEntity>(
                    TableClient.CreateQueryFilter($"PartitionKey eq {OutboxKeys.IndexPartition} and RowKey ge {prefix} and RowKey lt {OutboxKeys.PrefixEnd(prefix)}"), maxPerPage: 1, select: ["RowKey"]))
                {
                    owed = true;
                    break;
                }

                if (claim.Status != ClaimStatus.Received && !owed)
                {
                    settled[id] = claim;
                }
            }

            return settled.Count == claimIds.Count;
        }, timeout ?? Patience, () => $"{claimIds.Count} claims to be processed with no pending work ({claimIds.Count - settled.Count} not yet: {string.Join(", ", claimIds.Where(id => !settled.ContainsKey(id)).Take(5))})");
        return settled;
    }

    /// <summary>
    /// Each approved claim has exactly one approval posting (its header row in its ledger shard, with its lines) and
    /// exactly one payout instruction (<c>governance.compensation.prepaid</c>) recorded; a claim not approved has neither.
    /// </summary>
    public async Task AssertPaidExactlyOnceAsync(IReadOnlyCollection<string> claimIds)
    {
        var settled = await WaitForClaimsSettledAsync(claimIds);
        var ledger = tables.GetTableClient(TableNames.Ledger);
        var claims = tables.GetTableClient(TableNames.Claims);
        var failures = new List<string>();
        foreach (var (claimId, claim) in settled)
        {
            var approved = claim.Status is not (ClaimStatus.Rejected or ClaimStatus.UnderReview);
            var postingId = ClaimPostings.ApprovalId(claimId);
            var header = TableLedger.HeaderRowKey(postingId);
            var postingRows = 0;
            await foreach (var _ in ledger.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {TableLedger.PartitionKey(postingId)} and RowKey ge {header} and RowKey lt {TableLedger.PostingRowsEnd(postingId)}"), select: ["RowKey"]))
            {
                postingRows++;
            }

            var payouts = 0;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {claimId} and RowKey ge {OutboxKeys.EventPrefix} and RowKey lt {OutboxKeys.EventRangeEnd}");
            await foreach (var row in claims.QueryAsync<TableEntity>(filter))
            {
                if (row.GetString("CloudEvent") is { } cloudEvent && JsonDocument.Parse(cloudEvent).RootElement.GetProperty("type").GetString() == EventTypes.CompensationPrepaid)
                {
                    payouts++;
                }
            }

            var (expectedRows, expectedPayouts) = approved ? (5, 1) : (0, 0);
            if (postingRows != expectedRows || payouts != expectedPayouts)
            {
                failures.Add($"{claimId} ({claim.Status}): {postingRows} approval posting rows (expected {expectedRows}), {payouts} payout instructions (expected {expectedPayouts})");
            }
        }

        Assert.True(failures.Count == 0, "Claims not paid exactly once:\n" + string.Join('\n', failures.Take(20)));
    }

    public async Task AssertLedgerBalancedAsync()
    {
        var balance = await AuditorJsonAsync(HttpMethod.Get, "api/ledger/trial-balance", HttpStatusCode.OK);
        Assert.True(balance.GetProperty("balanced").GetBoolean(), "trial balance is not balanced: " + balance);
        foreach (var total in balance.GetProperty("totals").EnumerateArray())
        {
            Assert.Equal(total.GetProperty("debit").GetInt64(), total.GetProperty("credit").GetInt64());
        }
    }

    /// <summary>The incremental check, and with <paramref name="full"/> also the full re-verification job from every chain's first entry.</summary>
    public async Task AssertAuditVerifiesAsync(bool full)
    {
        var verify = await AuditorJsonAsync(HttpMethod.Get, "api/audit/verify", HttpStatusCode.OK);
        Assert.True(verify.GetProperty("valid").GetBoolean(), "audit chain does not verify: " + verify);
        if (!full)
        {
            return;
        }

        var job = await AuditorJsonAsync(HttpMethod.Post, "api/audit/verify", HttpStatusCode.Accepted);
        var jobId = job.GetProperty("jobId").GetString();
        JsonElement result = default;
        await Eventually.HoldsAsync(async () =>
        {
            result = await AuditorJsonAsync(HttpMethod.Get, "api/audit/verify", HttpStatusCode.OK);
            return result.TryGetProperty("fullVerification", out var status) && status.ValueKind == JsonValueKind.Object
                && status.GetProperty("jobId").GetString() == jobId && status.GetProperty("status").GetString() == "completed";
        }, Patience, $"full audit verification {jobId} to complete");
        Assert.True(result.GetProperty("fullVerification").GetProperty("valid").GetBoolean(), "full audit verification failed: " + result);
    }

    /// <summary>No onboarding request stays pending or checking and no pricing scan stays running (of those given, or of all when null).</summary>
    public async Task AssertNothingStuckAsync(IReadOnlyCollection<string>? onboardingRequestIds = null, IReadOnlyCollection<string>? scanIds = null)
    {
        var open = new List<string>();
        await Eventually.HoldsAsync(async () =>
        {
            open.Clear();
            await foreach (var row in tables.GetTableClient(TableNames.OnboardingRequests).QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"RowKey eq {OnboardingRequestMap.RequestRowKey}"), select: ["PartitionKey", "Status"]))
            {
                if ((onboardingRequestIds is null || onboardingRequestIds.Contains(row.PartitionKey)) && OnboardingStatuses.IsOpen(row.GetString("Status") ?? string.Empty))
                {
                    open.Add($"onboarding request {row.PartitionKey} is {row.GetString("Status")}");
                }
            }

            await foreach (var row in tables.GetTableClient(TableNames.PricingScans).QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"RowKey eq {"scan"}"), select: ["PartitionKey", "Status"]))
            {
                if ((scanIds is null || scanIds.Contains(row.PartitionKey)) && row.GetString("Status") == "running")
                {
                    open.Add($"pricing scan {row.PartitionKey} is running");
                }
            }

            return open.Count == 0;
        }, Patience, () => "no onboarding request or pricing scan left open: " + string.Join("; ", open.Take(10)));
    }

    /// <summary>
    /// Waits until each queue the app consumes is empty (Azurite counts invisible messages too, so a message being
    /// retried still counts), and returns what each poison queue holds. The events queue is left out: the app only
    /// writes it, for consumers outside the app.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> WaitForQueuesDrainedAsync(TimeSpan? timeout = null, Func<string, bool>? settings = null)
    {
        var consumed = StorageCatalog.Queues
            .Where(q => q.Setting != StorageQueueEventPublisher.QueueSetting && (settings is null || settings(q.Setting)))
            .Select(q => StorageCatalog.QueueName(configuration, q.Setting))
            .ToList();
        var waiting = new Dictionary<string, int>();
        await Eventually.HoldsAsync(async () =>
        {
            waiting.Clear();
            foreach (var name in consumed)
            {
                var count = await CountAsync(name);
                if (count > 0)
                {
                    waiting[name] = count;
                }
            }

            return waiting.Count == 0;
        }, timeout ?? Patience, () => "every consumed queue to be empty: " + string.Join(", ", waiting.Select(w => $"{w.Key}={w.Value}")));

        var poison = new Dictionary<string, int>();
        foreach (var name in consumed)
        {
            poison[StorageCatalog.PoisonQueueName(name)] = await CountAsync(StorageCatalog.PoisonQueueName(name));
        }

        return poison;
    }

    public async Task<int> CountAsync(string queueName)
    {
        var queue = queues.GetQueueClient(queueName);
        if (!(await queue.ExistsAsync()).Value)
        {
            return 0;
        }

        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    /// <summary>Every invariant at once, for the claims, requests and scans a scenario had accepted.</summary>
    public async Task AssertAllAsync(IReadOnlyCollection<string> claimIds, IReadOnlyCollection<string>? onboardingRequestIds, IReadOnlyCollection<string>? scanIds, bool fullAuditVerification)
    {
        await AssertPaidExactlyOnceAsync(claimIds);
        await AssertNothingStuckAsync(onboardingRequestIds, scanIds);
        await AssertLedgerBalancedAsync();
        await AssertAuditVerifiesAsync(fullAuditVerification);
    }

    private async Task<JsonElement> AuditorJsonAsync(HttpMethod method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token([StaffRoles.Auditor]));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
