namespace Governance.Core.Ledger;

/// <summary>
/// A total of minor units over many postings. Totals are <see cref="decimal"/>: each posting's lines are bounded,
/// but no bound on the number of postings keeps a sum within <see cref="long"/>.
/// </summary>
public sealed record LedgerAmount(decimal Amount, string Currency);

public sealed record AccountBalance(string Account, string Currency, decimal Debit, decimal Credit)
{
    /// <summary>Debit minus credit: positive for assets and expenses, negative for liabilities and income.</summary>
    public decimal Balance => Debit - Credit;
}

public sealed record CurrencyTotals(string Currency, decimal Debit, decimal Credit)
{
    public bool Balanced => Debit == Credit;
}

/// <summary>Totals per account and per currency; the ledger is sound when every currency balances.</summary>
public sealed record TrialBalance(IReadOnlyList<AccountBalance> Accounts, IReadOnlyList<CurrencyTotals> Totals, int Postings)
{
    public bool Balanced => Totals.All(t => t.Balanced);

    /// <summary>The trial balance of <paramref name="lines"/> (e.g. a few postings), each account on its own.</summary>
    public static TrialBalance From(IEnumerable<(string Account, string Currency, long Debit, long Credit)> lines, int postings)
        => FromBalances(lines.Select(l => new AccountBalance(l.Account, l.Currency, l.Debit, l.Credit)), postings);

    /// <summary>Sums partial balances (e.g. the totals of several shards) per account and currency.</summary>
    public static TrialBalance FromBalances(IEnumerable<AccountBalance> balances, long postings)
    {
        var accounts = balances
            .GroupBy(b => (b.Account, b.Currency))
            .Select(g => new AccountBalance(g.Key.Account, g.Key.Currency, g.Sum(b => b.Debit), g.Sum(b => b.Credit)))
            .OrderBy(a => a.Currency, StringComparer.Ordinal)
            .ThenBy(a => a.Account, StringComparer.Ordinal)
            .ToList();
        var totals = accounts
            .GroupBy(a => a.Currency)
            .Select(g => new CurrencyTotals(g.Key, g.Sum(a => a.Debit), g.Sum(a => a.Credit)))
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .ToList();
        return new TrialBalance(accounts, totals, checked((int)postings));
    }
}
