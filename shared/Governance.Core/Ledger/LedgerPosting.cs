using Governance.Core.Money;

namespace Governance.Core.Ledger;

/// <summary>One side of a posting: exactly one of <see cref="Debit"/> and <see cref="Credit"/> is positive.</summary>
public sealed record LedgerLine(string Account, long Debit, long Credit)
{
    public static LedgerLine DebitOf(string account, long amount) => new(account, amount, 0);

    public static LedgerLine CreditOf(string account, long amount) => new(account, 0, amount);
}

/// <summary>
/// A balanced double-entry posting in one currency (integer minor units). <see cref="PostingId"/> is the
/// business key (e.g. <c>claim:{claimId}:approval</c>): the ledger stores a posting id once, ever.
/// </summary>
public sealed record LedgerPosting(string PostingId, string Currency, string Description, IReadOnlyList<LedgerLine> Lines)
{
    public const int MaxAccountLength = 400;
    /// <summary>A posting, its header and the totals rows it moves (at most one per line and one summary) fit one table transaction of 100 actions.</summary>
    public const int MaxLines = 48;

    public long TotalDebit => Lines.Sum(l => l.Debit);

    public long TotalCredit => Lines.Sum(l => l.Credit);

    /// <summary>Builds and checks a posting; an unbalanced or malformed one is a bug in the caller.</summary>
    public static LedgerPosting Create(string postingId, string currency, string description, params LedgerLine[] lines)
    {
        var posting = new LedgerPosting(postingId, currency, description, lines);
        var problems = posting.Problems();
        return problems.Count == 0
            ? posting
            : throw new ArgumentException($"Posting '{postingId}' is invalid: {string.Join(" ", problems)}", nameof(lines));
    }

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(PostingId))
        {
            problems.Add("It needs a posting id.");
        }

        if (!Iso4217.IsActive(Currency))
        {
            problems.Add("The currency must be an active ISO 4217 code.");
        }

        if (Lines.Count < 2 || Lines.Count > MaxLines)
        {
            problems.Add($"It needs 2 to {MaxLines} lines.");
        }

        foreach (var line in Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Account) || line.Account.Length > MaxAccountLength)
            {
                problems.Add($"Account '{line.Account}' is not a valid account name.");
            }

            if (line.Debit < 0 || line.Credit < 0 || (line.Debit > 0) == (line.Credit > 0))
            {
                problems.Add($"The line for '{line.Account}' must have exactly one positive side.");
            }
        }

        if (problems.Count == 0)
        {
            try
            {
                if (checked(Lines.Sum(l => l.Debit)) != checked(Lines.Sum(l => l.Credit)))
                {
                    problems.Add("Debits and credits differ.");
                }
            }
            catch (OverflowException)
            {
                problems.Add("The amounts overflow.");
            }
        }

        return problems;
    }
}
