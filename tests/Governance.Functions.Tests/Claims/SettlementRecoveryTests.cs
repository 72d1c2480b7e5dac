using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Claims;

/// <summary>Review findings 10, 11, 12 and 14: audit entries once, settlements audited once whatever fails, resumed as planned, never claim-shaped.</summary>
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
        var (claimId, token) = await FileHeldAsync(appId);

        // The approval commits; its relay appends the approval's audit entry, then crashes after the posting.
        var crashing = new FailingHandler(OwedWork.Handler(fixture, LedgerFollowUp.Type), afterEffect: true);
        await ActivatorUtilities.CreateInstance<ClaimProcessor>(Services, OwedWork.StoreWith<Claim>(fixture, crashing)).ProcessAsync(claimId);
        Assert.NotEmpty(await _driver.PendingOutboxRowsAsync(claimId));

        // An operator confirms the payout before the relay finished that work: its own work waits behind it, in order.
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{claimId}/payout-confirmation", StaffRoles.Operator, new { payoutReference = ClaimsDriver.NewId("payout") });
        await OwedWork.RelayAgainAsync(fixture, _driver);
        await _driver.WaitSettledAsync(claimId);

        var audit = await AuditAsync(Claim.Resource(claimId));
        Assert.Single(audit, e => e.Action == "claim.received");
        Assert.Single(audit, e => e.Action == "claim.approved");
        Assert.Single(audit, e => e.Action == "claim.prepaid");
        Assert.Equal("prepaid", (await _driver.StatusAsync(claimId, token)).GetProperty("status").GetString());
        Assert.Equal(3, (await _driver.PostingRowsAsync(ClaimPostings.PayoutId(claimId))).Count);
    }

    [Fact]
    public async Task A_settlement_whose_audit_append_failed_is_complete_and_its_audit_entry_is_appended_once_by_the_relay()
    {
        var appId = await _driver.RegisterAppAsync();
        var claimId = await _driver.PrepaidClaimAsync(appId, 3_000);
        var reference = ClaimsDriver.NewId("wire");
        var auditDown = new FailingHandler(OwedWork.Handler(fixture, AuditFollowUp.Type), afterEffect: false)
        {
            Applies = f => f.Read<AuditRecord>().Action == Settlement.SettledAction,
        };
        var settlements = ActivatorUtilities.CreateInstance<Settlements>(Services, OwedWork.StoreWith<Settlement>(fixture, auditDown));

        var first = await settlements.SettleAsync(appId, new SettlementRequest(3_000, "CNY", reference), AuditActor.System("test"));

        Assert.Equal(1, auditDown.Failed);
        Assert.Equal("completed", (await SettlementRowAsync(appId, reference))!.GetString("State"));
        Assert.DoesNotContain(await AuditAsync(Settlement.Resource(appId, reference)), e => e.Action == Settlement.SettledAction);
        var settled = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 3_000, currency = "CNY", reference });
        var replayed = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 3_000, currency = "CNY", reference });

        Assert.Equal(settled.ToString(), replayed.ToString());
        Assert.Equal(claimId, Assert.Single(settled.GetProperty("allocations").EnumerateArray()).GetProperty("claimId").GetString());
        Assert.Equal(first.Allocations.Single().Amount.Amount, settled.GetProperty("allocations")[0].GetProperty("amount").GetProperty("amount").GetInt64());
        await OwedWork.RelayAgainAsync(fixture, _driver);
        await Eventually.HoldsAsync(async () => (await AuditAsync(Settlement.Resource(appId, reference))).Any(e => e.Action == Settlement.SettledAction),
            ClaimsDriver.Patience, "the settlement's audit entry");
        var entry = Assert.Single(await AuditAsync(Settlement.Resource(appId, reference)), e => e.Action == Settlement.SettledAction);
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
        var operatorActor = AuditActor.System("test-operator");

        // A first attempt recorded its plan over both claims, allocated to the first, and died.
        await Services.GetRequiredService<AggregateStore<Settlement>>().CreateAsync(Settlement.Id(appId, reference),
            Settlement.Record(appId, reference, new MoneyAmount(10_000, "CNY"), [new SettlementPlanItem(first, 6_000), new SettlementPlanItem(second, 4_000)], fixture.Clock.GetUtcNow()));
        var terms = await Services.GetRequiredService<RecourseService>().TermsAsync(appId, CancellationToken.None);
        await Services.GetRequiredService<AggregateStore<Claim>>().UpdateAsync(first, c => c.Recover(reference, 6_000, terms, operatorActor, fixture.Clock.GetUtcNow()),
            () => new InvalidOperationException("no claim"));

        // Meanwhile the second claim is written off and another claim of the app is paid: the resumed settlement takes neither.
        await _driver.StaffJsonAsync(HttpMethod.Post, $"api/claims/{second}/write-off", StaffRoles.Operator, new { reason = "App vanished." });
        var third = await _driver.PrepaidClaimAsync(appId, 1_000);

        var resumed = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 10_000, currency = "CNY", reference });
        var again = await _driver.StaffJsonAsync(HttpMethod.Post, $"api/recourse/{appId}/settlements", StaffRoles.Operator, new { amount = 10_000, currency = "CNY", reference });

        Assert.Equal(resumed.ToString(), again.ToString());
        var allocation = Assert.Single(resumed.GetProperty("allocations").EnumerateArray());
        Assert.Equal(first, allocation.GetProperty("claimId").GetString());
        Assert.Equal(6_000, allocation.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("recovered", allocation.GetProperty("status").GetString());
        Assert.Equal(4_000, resumed.GetProperty("unallocated").GetProperty("amount").GetInt64());
        var unallocated = await _driver.PostingRowsAsync(Settlement.UnallocatedPostingId(appId, reference));
        Assert.Equal(3, unallocated.Count);
        Assert.All(unallocated.Where(r => r.RowKey.Contains("|line-", StringComparison.Ordinal)), l => Assert.Equal(4_000, l.GetInt64("Debit") + l.GetInt64("Credit")));
        var untouched = await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{third}", StaffRoles.Auditor);
        Assert.Equal(1_000, untouched.GetProperty("outstanding").GetProperty("amount").GetInt64());
        Assert.Empty(untouched.GetProperty("recoveries").EnumerateArray());
        Assert.Single((await _driver.StaffJsonAsync(HttpMethod.Get, $"api/claims/{first}", StaffRoles.Auditor)).GetProperty("recoveries").EnumerateArray());
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
        var partition = new SettlementMap().PartitionKey(Settlement.Id(appId, "claim"));
        var rows = new List<TableEntity>();
        await foreach (var row in fixture.Tables.GetTableClient(TableNames.Claims).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        Assert.DoesNotContain(rows, r => r.RowKey == ClaimMap.ClaimRowKey);
        Assert.NotNull(await SettlementRowAsync(appId, "claim"));
        Assert.False(ClaimKeys.IsClaimId(partition));
    }

    private async Task<(string ClaimId, string Token)> FileHeldAsync(string appId)
    {
        var filed = await _driver.FileThroughAsync(OwedWork.StoreWith<Claim>(fixture, new HeldQueue()), appId);
        return (filed.Response.ClaimId, filed.Response.StatusToken!);
    }

    private async Task<List<AuditEntry>> AuditAsync(string resource)
        => [.. (await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, null, resource, null, 1000))).Entries];

    private async Task<TableEntity?> SettlementRowAsync(string appId, string reference)
    {
        var id = Settlement.Id(appId, reference);
        var map = new SettlementMap();
        var row = await fixture.Tables.GetTableClient(TableNames.Claims).GetEntityIfExistsAsync<TableEntity>(map.PartitionKey(id), map.RowKey(id));
        return row.HasValue ? row.Value : null;
    }
}
