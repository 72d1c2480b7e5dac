using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Ledger;

/// <summary>
/// The ledger in the <c>Ledger</c> table, in <see cref="Shards"/> partitions <c>shard-NN</c> (NN = the first 8 bytes of
/// SHA-256(posting id), big-endian, mod <see cref="Shards"/>). A posting is one transaction in its shard: the header
/// (RowKey <c>p|{SHA-256 of the posting id}</c>), one row per line (<c>…|line-00</c>, …) and the running totals it
/// moves: the shard's summary row (<c>summary</c>: control accounts per currency and the posting count) and one row per
/// subsidiary account it touches (<c>a|{account key}</c>), each replaced If-Match the ETag it was read with. The header's
/// insert makes the posting happen once: a second attempt with the same id fails on it, and finds it recorded. A lost
/// race on the totals reads them again under <see cref="ConflictRetry"/>. So totals always equal the postings they sum.
/// <para>
/// Reads never depend on how many postings, users or apps there are: an account's balance is the sum of its row in
/// each shard (<see cref="Shards"/> point reads); the trial balance is every shard's summary (as many point reads),
/// subsidiary accounts rolled up into their control accounts (<see cref="LedgerAccounts.ControlOf"/>).
/// </para>
/// </summary>
public sealed class TableLedger(TableServiceClient tables, ConflictRetry retry, TimeProvider time) : ILedger
{
    /// <summary>Spreads concurrent postings (and their totals rows) over this many partitions. Changing it needs a migration of the totals.</summary>
    public const int Shards = 16;

    public const string SummaryRowKey = "summary";
    private const string PostingPrefix = "p|";
    private const string AccountPrefix = "a|";
    private const string LineInfix = "|line-";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Ledger);

    public static string PartitionKey(string postingId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(postingId));
        return Shard((int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Shards));
    }

    public static string Shard(int shard) => "shard-" + shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// The header's key: <c>p|</c> + SHA-256 of the posting id (its line rows add <c>|line-NN</c>). A fixed length, so
    /// no posting id (references come from clients) can make a key that starts like another posting's.
    /// </summary>
    public static string HeaderRowKey(string postingId) => PostingPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(postingId)));

    /// <summary>The header and line rows of a posting are the row keys from the header's up to (not including) this.</summary>
    public static string PostingRowsEnd(string postingId) => HeaderRowKey(postingId) + "}";

    public static string AccountRowKey(string account) => AccountPrefix + TableKey.FromInput(account);

    public Task<bool> PostAsync(LedgerPosting posting, CancellationToken cancellationToken = default)
    {
        var problems = posting.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Posting '{posting.PostingId}' is invalid: {string.Join(" ", problems)}", nameof(posting));
        }

        var partition = PartitionKey(posting.PostingId);
        var header = HeaderRowKey(posting.PostingId);
        var hash = ContentHash(posting);
        return retry.RunAsync(async (_, ct) =>
        {
            if (await RecordedAsync(partition, header, posting, hash, ct))
            {
                return false;
            }

            var now = time.GetUtcNow();
            var batch = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(partition, header)
                {
                    ["PostingId"] = posting.PostingId,
                    ["Currency"] = posting.Currency,
                    ["Description"] = posting.Description,
                    ["Total"] = posting.TotalDebit,
                    ["ContentHash"] = hash,
                    ["PostedAt"] = now,
                }),
            };
            for (var i = 0; i < posting.Lines.Count; i++)
            {
                var line = posting.Lines[i];
                batch.Add(new(TableTransactionActionType.Add, new TableEntity(partition, header + LineInfix + i.ToString("D2", CultureInfo.InvariantCulture))
                {
                    ["PostingId"] = posting.PostingId,
                    ["Account"] = line.Account,
                    ["Currency"] = posting.Currency,
                    ["Debit"] = line.Debit,
                    ["Credit"] = line.Credit,
                    ["PostedAt"] = now,
                }));
            }

            batch.AddRange(await TotalsActionsAsync(partition, posting, ct));
            try
            {
                await _table.SubmitTransactionAsync(batch, ct);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Either this posting was recorded meanwhile (the next attempt finds it) or the totals moved: read again.
                throw new ConcurrencyConflictException($"Ledger shard {partition}", ex);
            }
        }, cancellationToken);
    }

    public async Task<bool> IsPostedAsync(string postingId, CancellationToken cancellationToken = default)
        => (await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(postingId), HeaderRowKey(postingId), ["PostingId"], cancellationToken)).HasValue;

    public async Task<TrialBalance> GetTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        var summaries = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => ReadAsync(Shard(shard), SummaryRowKey, cancellationToken)));
        var totals = summaries.Select(LedgerTotals.FromRow).ToList();
        return TrialBalance.FromBalances(totals.SelectMany(t => t.Balances()), totals.Sum(t => t.Postings));
    }

    public async Task<IReadOnlyList<AccountBalance>> GetAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        var rowKey = LedgerAccounts.IsSubsidiary(account) ? AccountRowKey(account) : SummaryRowKey;
        var rows = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => ReadAsync(Shard(shard), rowKey, cancellationToken)));
        var balances = rows.Select(LedgerTotals.FromRow).SelectMany(t => t.Balances()).Where(b => b.Account == account);
        return TrialBalance.FromBalances(balances, 0).Accounts;
    }

    /// <summary>Whether the posting is in the ledger already; one with the same id but other lines is a bug, never merged.</summary>
    private async Task<bool> RecordedAsync(string partition, string header, LedgerPosting posting, string hash, CancellationToken cancellationToken)
    {
        if (await ReadAsync(partition, header, cancellationToken) is not { } existing)
        {
            return false;
        }

        return existing.GetString("ContentHash") == hash
            ? true
            : throw new InvalidOperationException($"Posting '{posting.PostingId}' exists with different lines; posting ids must identify one business event.");
    }

    /// <summary>The shard's summary and the subsidiary accounts' rows, moved by the posting, each conditioned on the ETag read.</summary>
    private async Task<IEnumerable<TableTransactionAction>> TotalsActionsAsync(string partition, LedgerPosting posting, CancellationToken cancellationToken)
    {
        var lines = posting.Lines.Select(l => (l.Account, l.Debit, l.Credit)).ToList();
        var targets = new List<(string RowKey, IEnumerable<(string, long, long)> Lines, long Postings)>
        {
            (SummaryRowKey, lines.Select(l => (LedgerAccounts.ControlOf(l.Account), l.Debit, l.Credit)), 1),
        };
        targets.AddRange(lines.Where(l => LedgerAccounts.IsSubsidiary(l.Account)).GroupBy(l => l.Account, StringComparer.Ordinal)
            .Select(g => (AccountRowKey(g.Key), (IEnumerable<(string, long, long)>)g.ToList(), 0L)));
        var current = await Task.WhenAll(targets.Select(t => ReadAsync(partition, t.RowKey, cancellationToken)));
        return targets.Select((target, i) =>
        {
            var row = LedgerTotals.FromRow(current[i]).Add(posting.Currency, target.Lines, target.Postings).ToRow(partition, target.RowKey);
            return current[i] is { } read
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, read.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, row);
        });
    }

    private async Task<TableEntity?> ReadAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private static string ContentHash(LedgerPosting posting)
    {
        var canonical = new StringBuilder().Append(posting.Currency);
        foreach (var line in posting.Lines)
        {
            canonical.Append('\n').Append(line.Account).Append('\t').Append(line.Debit).Append('\t').Append(line.Credit);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
