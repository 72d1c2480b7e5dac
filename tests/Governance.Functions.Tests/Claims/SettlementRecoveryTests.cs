using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Ledger;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>Review findings 10, 11, 12 and 14: audit entries once, settlements audited before completion, resumed as planned, never claim-shaped.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class SettlementRecoveryTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private readonly ClaimsDriver _driver = new(fixture);

    private IServiceProvider Services => fixture.Services;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _driver.AssertTrialBalanceBalancedAsync();

    [Fact]
    public async Task A_payout_confirmed_after_an_interrupted_follow_up_audits_each_transition_once()
    {
        var appId = await _driver.RegisterAppAsync();
        var (claimId, token) = await FileWithoutQueueingAsync(appId);

        // The processor appends the received and approved entries, then dies before clearing them from the row.
        var crashingLedger = new CrashingLedger(Services.GetRequiredService<ILedger>(), _ => true);
        var followUp = ActivatorUtilities.CreateInstance<ClaimFollowUp>(Services, (ILedger)crashingLedger);
        var processor = ActivatorUtilities.CreateInstance<ClaimProcessor>(Services, followUp);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => processor.ProcessAsync(claimId));
        Assert.True((await Services.GetRequiredService<ClaimStore>().GetAsync(claimId))!.PendingWork);

        // An operator confirms the payout before any sweep finished that follow-up.
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator, new { payoutReference = ClaimsDriver.NewId("payout") });
        await _driver.WaitSettledAsync(claimId);

        var audit = await AuditAsync(ClaimTransitions.Resource(claimId));
        Assert.Single(audit, e => e.Action == "claim.received");
        Assert.Single(audit, e => e.Action == "claim.approved");
        Assert.Single(audit, e => e.Action == "claim.prepaid");
        Assert.Equal("prepaid", (await _driver.StatusAsync(claimId, token)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_settlement_whose_audit_failed_stays_pending_and_its_retry_audits_it_once_then_completes()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await _driver.PrepaidClaimAsync(appId, 3_000);
        var reference = ClaimsDriver.NewId("wire");
        var failingAudit = new FailingSettlementAudit(Services.GetRequiredService<IAuditLog>());
        var recourse = ActivatorUtilities.CreateInstance<RecourseService>(Services, (IAuditLog)failingAudit);

        await Assert.ThrowsAsync<SimulatedCrashException>(() => recourse.SettleAsync(appId, new SettlementRequest(3_000, "CNY", reference), AuditActor.System("test")));
        var row = await SettlementRowAsync(appId, reference);
        Assert.Equal("pending", row!.GetString("State"));

        var settled = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 3_000, currency = "CNY", reference });
        var replayed = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 3_000, currency = "CNY", reference });

        Assert.Equal(settled.ToString(), replayed.ToString());
        Assert.Equal(claimId, Assert.Single(settled.GetProperty("allocations").EnumerateArray()).GetProperty("claimId").GetString());
        Assert.Equal("completed", (await SettlementRowAsync(appId, reference))!.GetString("State"));
        var entry = Assert.Single(await AuditAsync(RecourseService.SettlementResource(appId, reference)), e => e.Action == RecourseService.SettledAction);
        Assert.Equal("1", entry.Details["allocatedClaims"]);
        Assert.Equal("3000 CNY", entry.Details["allocated"]);
    }

    [Fact]
    public async Task A_settlement_resumed_after_a_crash_allocates_and_posts_exactly_what_was_planned()
    {
        var appId = await _driver.RegisterAppAsync();
        var first = await _driver.PrepaidClaimAsync(appId, 6_000);
        var second = await _driver.PrepaidClaimAsync(appId, 4_000);
        var reference = ClaimsDriver.NewId("wire");
        var unallocatedId = $"settlement:{appId}:{reference}:unallocated";
        var operatorActor = AuditActor.System("test-operator");
        var recourse = Services.GetRequiredService<RecourseService>();

        // While the settlement is being allocated, the second claim is written off; then the process dies right
        // after posting the unallocated rest.
        var ledger = new CrashingLedger(Services.GetRequiredService<ILedger>(), posting => posting.PostingId == unallocatedId)
        {
            BeforePosting = async posting =>
            {
                if (posting.PostingId == ClaimPostings.RecoveryId(first, reference))
                {
                    await recourse.WriteOffAsync(second, new WriteOffRequest("App vanished."), operatorActor);
                }
            },
        };
        var followUp = ActivatorUtilities.CreateInstance<ClaimFollowUp>(Services, (ILedger)ledger);
        var crashing = ActivatorUtilities.CreateInstance<RecourseService>(Services, (ILedger)ledger, followUp);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.SettleAsync(appId, new SettlementRequest(10_000, "CNY", reference), operatorActor));

        // Meanwhile another claim of the app is paid: the resumed settlement must not take it.
        var third = await _driver.PrepaidClaimAsync(appId, 1_000);

        var resumed = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 10_000, currency = "CNY", reference });

        var allocation = Assert.Single(resumed.GetProperty("allocations").EnumerateArray());
        Assert.Equal(first, allocation.GetProperty("claimId").GetString());
        Assert.Equal(6_000, allocation.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(4_000, resumed.GetProperty("unallocated").GetProperty("amount").GetInt64());
        var unallocated = await _driver.PostingRowsAsync(unallocatedId);
        Assert.Equal(3, unallocated.Count);
        Assert.All(unallocated.Where(r => r.RowKey.StartsWith("line-", StringComparison.Ordinal)), l => Assert.Equal(4_000, l.GetInt64("Debit") + l.GetInt64("Credit")));
        var untouched = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{third}", StaffRoles.Auditor);
        Assert.Equal(1_000, untouched.GetProperty("outstanding").GetProperty("amount").GetInt64());
        Assert.Empty(untouched.GetProperty("recoveries").EnumerateArray());
        await _driver.WaitSettledAsync(first);
        await _driver.WaitSettledAsync(second);
    }

    [Fact]
    public async Task A_settlement_referenced_claim_is_never_read_as_a_claim()
    {
        var appId = await _driver.RegisterAppAsync();
        await _driver.PrepaidClaimAsync(appId, 2_000);

        var settled = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 500, currency = "CNY", reference = "claim" });

        Assert.Equal("claim", settled.GetProperty("reference").GetString());
        var claimShaped = new List<TableEntity>();
        var table = fixture.Tables.GetTableClient(TableNames.Claims);
        await foreach (var row in table.QueryAsync<TableEntity>(ClaimStore.ClaimRowsWhere($"PartitionKey eq {SettlementStore.PartitionKey(appId)}")))
        {
            claimShaped.Add(row);
        }

        Assert.Empty(claimShaped);
        Assert.NotNull(await SettlementRowAsync(appId, "claim"));
    }

    private async Task<(string ClaimId, string Token)> FileWithoutQueueingAsync(string appId)
    {
        var intake = ActivatorUtilities.CreateInstance<ClaimIntakeService>(Services, (IClaimQueue)new NoQueue());
        var body = _driver.Serialize(ClaimsDriver.ClaimBody(appId, amount: 2_500));
        var webhook = JsonSerializer.Deserialize<ClaimWebhook>(body, Governance.Core.Json.GovernanceJson.Options)!;
        var response = await intake.FileAsync(ClaimsDriver.NewId("msg"), webhook, body, "http://localhost/api");
        Assert.Equal(202, response.StatusCode);
        var accepted = JsonDocument.Parse(response.Body).RootElement;
        return (accepted.GetProperty("claimId").GetString()!, accepted.GetProperty("statusToken").GetString()!);
    }

    private async Task<List<AuditEntry>> AuditAsync(string resource)
        => [.. (await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, null, resource, null, 1000))).Entries];

    private async Task<TableEntity?> SettlementRowAsync(string appId, string reference)
    {
        var row = await fixture.Tables.GetTableClient(TableNames.Claims)
            .GetEntityIfExistsAsync<TableEntity>(SettlementStore.PartitionKey(appId), SettlementStore.RowKey(reference));
        return row.HasValue ? row.Value : null;
    }

    private sealed class NoQueue : IClaimQueue
    {
        public Task EnqueueAsync(string claimId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class SimulatedCrashException() : Exception("Simulated crash.");

    /// <summary>Posts for real, then "crashes" after the postings <c>crashAfter</c> selects.</summary>
    private sealed class CrashingLedger(ILedger inner, Func<LedgerPosting, bool> crashAfter) : ILedger
    {
        public Func<LedgerPosting, Task>? BeforePosting { get; init; }

        public async Task<bool> PostAsync(LedgerPosting posting, CancellationToken cancellationToken = default)
        {
            if (BeforePosting is not null)
            {
                await BeforePosting(posting);
            }

            var posted = await inner.PostAsync(posting, cancellationToken);
            return crashAfter(posting) ? throw new SimulatedCrashException() : posted;
        }

        public Task<bool> IsPostedAsync(string postingId, CancellationToken cancellationToken = default) => inner.IsPostedAsync(postingId, cancellationToken);

        public Task<TrialBalance> GetTrialBalanceAsync(CancellationToken cancellationToken = default) => inner.GetTrialBalanceAsync(cancellationToken);

        public Task<IReadOnlyList<AccountBalance>> GetAccountAsync(string account, CancellationToken cancellationToken = default) => inner.GetAccountAsync(account, cancellationToken);
    }

    /// <summary>Fails the settlement's own audit entry (once); everything else goes to the real log.</summary>
    private sealed class FailingSettlementAudit(IAuditLog inner) : IAuditLog
    {
        private int _failed;

        public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
            => record.Action == RecourseService.SettledAction && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new SimulatedCrashException()
                : inner.AppendAsync(record, cancellationToken);

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => inner.VerifyAsync(cancellationToken);

        public Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default) => inner.GetHeadAsync(cancellationToken);
    }
}
