using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Storage;

namespace Governance.Core.Ledger;

/// <summary>
/// The ledger in the <c>Ledger</c> table: one partition per posting (PartitionKey = escaped posting id), with
/// a header row (RowKey <c>posting</c>) and one row per line (<c>line-00</c>, ...). The whole posting is one
/// batch of inserts, so it lands completely or not at all, and a second batch for the same posting id fails
/// on the header's conflict: that is how "already posted" is detected, without a read-then-write race.
/// </summary>
public sealed class TableLedger(TableServiceClient tables, TimeProvider time) : ILedger
{
    public const string HeaderRowKey = "posting";
    public const string LinePrefix = "line-";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Ledger);

    public async Task<bool> PostAsync(LedgerPosting posting, CancellationToken cancellationToken = default)
    {
        var problems = posting.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Posting '{posting.PostingId}' is invalid: {string.Join(" ", problems)}", nameof(posting));
        }

        var partition = PartitionKey(posting.PostingId);
        var now = time.GetUtcNow();
        var hash = ContentHash(posting);
        var batch = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, HeaderRowKey)
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
            batch.Add(new(TableTransactionActionType.Add, new TableEntity(partition, LinePrefix + i.ToString("D2", CultureInfo.InvariantCulture))
            {
                ["PostingId"] = posting.PostingId,
                ["Account"] = line.Account,
                ["Currency"] = posting.Currency,
                ["Debit"] = line.Debit,
                ["Credit"] = line.Credit,
                ["PostedAt"] = now,
            }));
        }

        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, HeaderRowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value is null)
            {
                throw;
            }

            // Same id, different content would mean two business events share a key: a bug, never silently merged.
            return existing.Value.GetString("ContentHash") == hash
                ? false
                : throw new InvalidOperationException($"Posting '{posting.PostingId}' exists with different lines; posting ids must identify one business event.");
        }
    }

    public async Task<bool> IsPostedAsync(string postingId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(postingId), HeaderRowKey, ["PostingId"], cancellationToken);
        return row.HasValue;
    }

    public async Task<TrialBalance> GetTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        var lines = new List<(string, string, long, long)>();
        var postings = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {LinePrefix} and RowKey lt {"line."}");

        // A posting is a partition: the select must name PartitionKey, or every line reads back with an empty one.
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "Account", "Currency", "Debit", "Credit"], cancellationToken: cancellationToken))
        {
            lines.Add(ToLine(row));
            postings.Add(row.PartitionKey);
        }

        return TrialBalance.From(lines, postings.Count);
    }

    public async Task<IReadOnlyList<AccountBalance>> GetAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        var lines = new List<(string, string, long, long)>();
        var filter = TableClient.CreateQueryFilter($"Account eq {account}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Account", "Currency", "Debit", "Credit"], cancellationToken: cancellationToken))
        {
            lines.Add(ToLine(row));
        }

        return TrialBalance.From(lines, 0).Accounts;
    }

    public static string PartitionKey(string postingId) => TableKey.FromInput(postingId);

    private static (string, string, long, long) ToLine(TableEntity row)
        => (row.GetString("Account") ?? string.Empty, row.GetString("Currency") ?? string.Empty, row.GetInt64("Debit") ?? 0, row.GetInt64("Credit") ?? 0);

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
