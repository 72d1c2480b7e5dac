using Azure.Data.Tables;
using Governance.Core.Ledger;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Governance.Functions.Tests.Ledger;

/// <summary>The ledger on Azurite: postings once, running totals that always equal them, reads bounded by the shards and the chart.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class TrialBalanceTests(GovernanceHostFixture fixture) : IAsyncLifetime
{
    private TableClient _table = null!;
    private HookedTableClient _hooked = null!;

    private TableLedger Ledger { get; set; } = null!;

    public async Task InitializeAsync()
    {
        // A ledger of its own on the fixture's Azurite, so counts are exact whatever other tests post.
        _table = fixture.Tables.GetTableClient("LedgerTrial" + Guid.NewGuid().ToString("N")[..12]);
        await _table.CreateAsync();
        _hooked = new HookedTableClient(_table);
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(TableNames.Ledger)).Returns(_hooked);
        var retry = new ConflictRetry(Options.Create(new ConcurrencyOptions { MaxAttempts = 200 }), TimeProvider.System, NullLogger<ConflictRetry>.Instance);
        Ledger = new TableLedger(tables.Object, retry, TimeProvider.System);
    }

    public Task DisposeAsync() => _table.DeleteAsync();

    private static LedgerPosting Approval(string claim, string user, string app, long amount, string currency = "CNY")
        => LedgerPosting.Create($"claim:{claim}:approval", currency, "approval",
            LedgerLine.DebitOf(LedgerAccounts.AdvanceCompensationExpense, amount), LedgerLine.CreditOf(LedgerAccounts.UserPayable(user), amount),
            LedgerLine.DebitOf(LedgerAccounts.RecourseReceivable(app), amount), LedgerLine.CreditOf(LedgerAccounts.AdvanceCompensationRecovery, amount));

    private static LedgerPosting Payout(string claim, string user, long amount)
        => LedgerPosting.Create($"claim:{claim}:payout", "CNY", "payout", LedgerLine.DebitOf(LedgerAccounts.UserPayable(user), amount), LedgerLine.CreditOf(LedgerAccounts.PlatformCash, amount));

    [Fact]
    public async Task The_trial_balance_counts_each_posting_once_on_table_storage()
    {
        var postings = new[] { Approval("clm_1", "u-1", "a-1", 900), Payout("clm_1", "u-1", 900), Approval("clm_2", "u-2", "a-1", 70, "USD") };

        foreach (var posting in postings)
        {
            Assert.True(await Ledger.PostAsync(posting));
        }

        Assert.False(await Ledger.PostAsync(postings[1]));
        Assert.True(await Ledger.IsPostedAsync(postings[1].PostingId));
        var balance = await Ledger.GetTrialBalanceAsync();

        Assert.Equal(3, balance.Postings);
        Assert.True(balance.Balanced);
        Assert.Equal(2_700, balance.Totals.Single(t => t.Currency == "CNY").Debit);
        Assert.Equal(140, balance.Totals.Single(t => t.Currency == "USD").Debit);
    }

    [Fact]
    public async Task Subsidiary_accounts_roll_up_into_their_control_accounts_and_keep_their_own_balances()
    {
        await Ledger.PostAsync(Approval("clm_1", "u-1", "a-1", 900));
        await Ledger.PostAsync(Approval("clm_2", "u-2", "a-1", 400));
        await Ledger.PostAsync(Payout("clm_1", "u-1", 900));

        var balance = await Ledger.GetTrialBalanceAsync();

        Assert.Equal(
            ["advance_compensation_expense", "advance_compensation_recovery", "payable:user", "platform_cash", "recourse_receivable:app"],
            balance.Accounts.Select(a => a.Account));
        Assert.Equal(-400, balance.Accounts.Single(a => a.Account == "payable:user").Balance);
        Assert.Equal(1_300, balance.Accounts.Single(a => a.Account == "recourse_receivable:app").Balance);
        Assert.Equal(0, Assert.Single(await Ledger.GetAccountAsync(LedgerAccounts.UserPayable("u-1"))).Balance);
        Assert.Equal(-400, Assert.Single(await Ledger.GetAccountAsync(LedgerAccounts.UserPayable("u-2"))).Balance);
        Assert.Equal(1_300, Assert.Single(await Ledger.GetAccountAsync(LedgerAccounts.RecourseReceivable("a-1"))).Balance);
        Assert.Equal(-900, Assert.Single(await Ledger.GetAccountAsync(LedgerAccounts.PlatformCash)).Balance);
        Assert.Empty(await Ledger.GetAccountAsync(LedgerAccounts.RecourseReceivable("a-2")));
    }

    [Fact]
    public async Task Concurrent_postings_and_duplicates_keep_the_running_totals_equal_to_the_postings_they_sum()
    {
        // 60 postings on the same few accounts, each sent twice at once: every one lands once, and no total loses an update.
        var postings = Enumerable.Range(0, 60).Select(i => Approval($"clm_c{i}", $"u-{i % 3}", "a-hot", 10 + i)).ToList();

        var recorded = await Task.WhenAll(postings.Concat(postings).Select(p => Task.Run(() => Ledger.PostAsync(p))));

        Assert.Equal(60, recorded.Count(r => r));
        var balance = await Ledger.GetTrialBalanceAsync();
        var expected = postings.Sum(p => p.TotalDebit) / 2;
        Assert.Equal(60, balance.Postings);
        Assert.True(balance.Balanced);
        Assert.Equal(expected, balance.Accounts.Single(a => a.Account == "recourse_receivable:app").Debit);
        Assert.Equal(expected, Assert.Single(await Ledger.GetAccountAsync(LedgerAccounts.RecourseReceivable("a-hot"))).Debit);
        Assert.Equal(expected, (await Task.WhenAll(Enumerable.Range(0, 3).Select(u => Ledger.GetAccountAsync(LedgerAccounts.UserPayable($"u-{u}"))))).Sum(b => -b.Single().Balance));
    }

    [Fact]
    public async Task The_trial_balance_and_an_account_balance_read_one_row_per_shard_whatever_the_number_of_postings_and_users()
    {
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Ledger.PostAsync(Approval($"clm_m{i}", $"user-{i}", $"app-{i % 7}", 100))));
        var (reads, queries) = (_hooked.PointReads, _hooked.Queries);

        var balance = await Ledger.GetTrialBalanceAsync();
        Assert.Equal((TableLedger.Shards, 0), (_hooked.PointReads - reads, _hooked.Queries - queries));
        await Ledger.GetAccountAsync(LedgerAccounts.RecourseReceivable("app-3"));
        Assert.Equal((2 * TableLedger.Shards, 0), (_hooked.PointReads - reads, _hooked.Queries - queries));

        Assert.Equal(300, balance.Postings);
        Assert.True(balance.Balanced);
        Assert.Equal(4, balance.Accounts.Count); // the control chart, not 300 users and 7 apps
        Assert.Equal(-30_000, balance.Accounts.Single(a => a.Account == "payable:user").Balance);
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
        Assert.DoesNotContain(balance.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("account").GetString()!.StartsWith("payable:user:", StringComparison.Ordinal));
        await driver.AssertTrialBalanceBalancedAsync();
    }
}
