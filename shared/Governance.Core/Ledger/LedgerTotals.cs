using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Json;

namespace Governance.Core.Ledger;

/// <summary>Running debit and credit of one account in one currency.</summary>
public sealed record AccountTotal(decimal Debit, decimal Credit);

/// <summary>
/// Running totals kept in one row of a ledger shard: per account (the key), per currency, what the shard's postings
/// debited and credited. A shard's summary row holds the control accounts and the shard's posting count; a subsidiary
/// account's row holds that one account. A posting moves them in the same transaction as its own rows.
/// </summary>
public sealed class LedgerTotals
{
    private const string TotalsProperty = "Totals";
    private const string PostingsProperty = "Postings";

    /// <summary>A string property holds 32K characters; the control chart times the currencies in use stays far below.</summary>
    private const int MaxJsonLength = 30_000;

    public Dictionary<string, Dictionary<string, AccountTotal>> Accounts { get; init; } = new(StringComparer.Ordinal);

    public long Postings { get; init; }

    public static LedgerTotals FromRow(TableEntity? row)
    {
        if (row is null)
        {
            return new LedgerTotals();
        }

        var accounts = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, AccountTotal>>>(row.GetString(TotalsProperty) ?? "{}", GovernanceJson.Options) ?? [];
        return new LedgerTotals { Accounts = new(accounts, StringComparer.Ordinal), Postings = row.GetInt64(PostingsProperty) ?? 0 };
    }

    public TableEntity ToRow(string partitionKey, string rowKey)
    {
        var json = JsonSerializer.Serialize(Accounts, GovernanceJson.Options);
        return json.Length <= MaxJsonLength
            ? new TableEntity(partitionKey, rowKey) { [TotalsProperty] = json, [PostingsProperty] = Postings }
            : throw new InvalidOperationException($"Ledger totals row '{partitionKey}'/'{rowKey}' would hold {json.Length} characters; it holds at most {MaxJsonLength}.");
    }

    /// <summary>These totals moved by <paramref name="lines"/> of a posting in <paramref name="currency"/>.</summary>
    public LedgerTotals Add(string currency, IEnumerable<(string Account, long Debit, long Credit)> lines, long postings)
    {
        var accounts = Accounts.ToDictionary(a => a.Key, a => new Dictionary<string, AccountTotal>(a.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (account, debit, credit) in lines)
        {
            var byCurrency = accounts.TryGetValue(account, out var known) ? known : accounts[account] = new(StringComparer.Ordinal);
            var total = byCurrency.GetValueOrDefault(currency) ?? new AccountTotal(0, 0);
            byCurrency[currency] = new AccountTotal(total.Debit + debit, total.Credit + credit);
        }

        return new LedgerTotals { Accounts = accounts, Postings = Postings + postings };
    }

    public IEnumerable<AccountBalance> Balances()
        => Accounts.SelectMany(a => a.Value.Select(c => new AccountBalance(a.Key, c.Key, c.Value.Debit, c.Value.Credit)));
}
