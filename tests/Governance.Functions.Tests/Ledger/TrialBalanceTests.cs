using Azure.Data.Tables;
using Governance.Core.Ledger;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Moq;

namespace Governance.Functions.Tests.Ledger;

/// <summary>Issue 12, money: the trial balance counts postings on real table storage (Azurite), not one for all.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class TrialBalanceTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task The_trial_balance_counts_each_posting_once_on_table_storage()
    {
        // A ledger of its own on the fixture's Azurite, so the count is exact whatever other tests post.
        var table = fixture.Tables.GetTableClient("LedgerTrial" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(TableNames.Ledger)).Returns(table);
        var ledger = new TableLedger(tables.Object, TimeProvider.System);
        var postings = new[]
        {
            LedgerPosting.Create("claim:clm_1:approval", "CNY", "approval",
                LedgerLine.DebitOf("advance_compensation_expense", 900), LedgerLine.CreditOf("payable:user:u-1", 900),
                LedgerLine.DebitOf("recourse_receivable:app:a-1", 900), LedgerLine.CreditOf("advance_compensation_recovery", 900)),
            LedgerPosting.Create("claim:clm_1:payout", "CNY", "payout", LedgerLine.DebitOf("payable:user:u-1", 900), LedgerLine.CreditOf("platform_cash", 900)),
            LedgerPosting.Create("claim:clm_2:approval", "USD", "approval",
                LedgerLine.DebitOf("advance_compensation_expense", 70), LedgerLine.CreditOf("payable:user:u-2", 70),
                LedgerLine.DebitOf("recourse_receivable:app:a-1", 70), LedgerLine.CreditOf("advance_compensation_recovery", 70)),
        };

        foreach (var posting in postings)
        {
            Assert.True(await ledger.PostAsync(posting));
        }

        Assert.False(await ledger.PostAsync(postings[1]));
        var balance = await ledger.GetTrialBalanceAsync();

        Assert.Equal(3, balance.Postings);
        Assert.True(balance.Balanced);
        Assert.Equal(2_700, balance.Totals.Single(t => t.Currency == "CNY").Debit);
        Assert.Equal(140, balance.Totals.Single(t => t.Currency == "USD").Debit);
        await table.DeleteAsync();
    }

    [Fact]
    public async Task The_trial_balance_endpoint_reports_every_posting()
    {
        var driver = new ClaimsDriver(fixture);
        var appId = await driver.RegisterAppAsync();
        await driver.PrepaidClaimAsync(appId, 1_000);

        var balance = await driver.StaffJsonAsync(HttpMethod.Get, "api/ledger/trial-balance", StaffRoles.Auditor);

        // The claim alone made two postings (approval, payout); the ledger is shared with the other tests.
        Assert.True(balance.GetProperty("postings").GetInt32() >= 2, balance.ToString());
        await driver.AssertTrialBalanceBalancedAsync();
    }
}
