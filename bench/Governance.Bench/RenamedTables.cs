using Azure.Data.Tables;

namespace Governance.Bench;

/// <summary>
/// The table client of a benchmark's second host: the tables it names are other tables of the same Azurite (their
/// name plus <paramref name="suffix"/>), so two hosts of the same app keep stores of different sizes side by side.
/// </summary>
public sealed class RenamedTables(TableServiceClient inner, string suffix, params string[] renamed) : TableServiceClient
{
    public override TableClient GetTableClient(string tableName) => inner.GetTableClient(Rename(tableName));

    public override Task<Azure.Response<Azure.Data.Tables.Models.TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
        => inner.CreateTableIfNotExistsAsync(Rename(tableName), cancellationToken);

    private string Rename(string table) => renamed.Contains(table) ? table + suffix : table;
}
