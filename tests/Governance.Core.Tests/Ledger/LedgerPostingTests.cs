using Governance.Core.Ledger;

namespace Governance.Core.Tests.Ledger;

public sealed class LedgerPostingTests
{
    [Fact]
    public void A_balanced_posting_in_one_currency_is_valid()
    {
        var posting = LedgerPosting.Create("p-1", "CNY", "test", LedgerLine.DebitOf("a", 5), LedgerLine.CreditOf("b", 3), LedgerLine.CreditOf("c", 2));

        Assert.Equal(5, posting.TotalDebit);
        Assert.Equal(5, posting.TotalCredit);
    }

    public static TheoryData<string, string, LedgerLine[]> Invalid => new()
    {
        { "unbalanced", "CNY", [LedgerLine.DebitOf("a", 5), LedgerLine.CreditOf("b", 4)] },
        { "one line", "CNY", [LedgerLine.DebitOf("a", 5)] },
        { "both sides", "CNY", [new LedgerLine("a", 5, 5), LedgerLine.CreditOf("b", 0)] },
        { "no side", "CNY", [new LedgerLine("a", 0, 0), new LedgerLine("b", 0, 0)] },
        { "negative", "CNY", [LedgerLine.DebitOf("a", -5), LedgerLine.CreditOf("b", -5)] },
        { "bad currency", "cny", [LedgerLine.DebitOf("a", 5), LedgerLine.CreditOf("b", 5)] },
        { "no iso currency", "ZZZ", [LedgerLine.DebitOf("a", 5), LedgerLine.CreditOf("b", 5)] },
        { "not money", "XAU", [LedgerLine.DebitOf("a", 5), LedgerLine.CreditOf("b", 5)] },
        { "no account", "CNY", [LedgerLine.DebitOf(" ", 5), LedgerLine.CreditOf("b", 5)] },
        { "overflow", "CNY", [LedgerLine.DebitOf("a", long.MaxValue), LedgerLine.DebitOf("a", 1), LedgerLine.CreditOf("b", long.MaxValue)] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Malformed_postings_are_refused(string why, string currency, LedgerLine[] lines)
    {
        var posting = new LedgerPosting("p-" + why, currency, why, lines);

        Assert.NotEmpty(posting.Problems());
        Assert.Throws<ArgumentException>(() => LedgerPosting.Create(posting.PostingId, currency, why, lines));
    }

    [Fact]
    public void The_trial_balance_sums_per_account_and_currency_and_balances_per_currency()
    {
        var balance = TrialBalance.From(
        [
            ("expense", "CNY", 10, 0), ("payable", "CNY", 0, 10),
            ("expense", "CNY", 5, 0), ("payable", "CNY", 0, 5),
            ("expense", "USD", 7, 0), ("payable", "USD", 0, 7),
        ], postings: 3);

        Assert.True(balance.Balanced);
        Assert.Equal(15, balance.Accounts.Single(a => a is { Account: "expense", Currency: "CNY" }).Debit);
        Assert.Equal(-7, balance.Accounts.Single(a => a is { Account: "payable", Currency: "USD" }).Balance);
        Assert.Equal(["CNY", "USD"], balance.Totals.Select(t => t.Currency));
        Assert.False(TrialBalance.From([("a", "CNY", 1, 0)], 1).Balanced);
    }
}
