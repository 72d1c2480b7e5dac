namespace Governance.Core.Ledger;

public sealed record AccountBalance(string Account, string Currency, long Debit, long Credit)
{
    /// <summary>Debit minus credit: positive for assets and expenses, negative for liabilities and income.</summary>
    public long Balance => Debit - Credit;
}

public sealed record CurrencyTotals(string Currency, long Debit, long Credit)
{
    public bool Balanced => Debit == Credit;
}

/// <summary>Totals per account and per currency; the ledger is sound when every currency balances.</summary>
public sealed record TrialBalance(IReadOnlyList<AccountBalance> Accounts, IReadOnlyList<CurrencyTotals> Totals, int Postings)
{
    public bool Balanced => Totals.All(t => t.Balanced);

    public static TrialBalance From(IEnumerable<(string Account, string Currency, long Debit, long Credit)> lines, int postings)
    {
        var accounts = lines
            .GroupBy(l => (l.Account, l.Currency))
            .Select(g => new AccountBalance(g.Key.Account, g.Key.Currency, g.Sum(l => l.Debit), g.Sum(l => l.Credit)))
            .OrderBy(a => a.Currency, StringComparer.Ordinal)
            .ThenBy(a => a.Account, StringComparer.Ordinal)
            .ToList();
        var totals = accounts
            .GroupBy(a => a.Currency)
            .Select(g => new CurrencyTotals(g.Key, g.Sum(a => a.Debit), g.Sum(a => a.Credit)))
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new TrialBalance(accounts, totals, postings);
    }
}
