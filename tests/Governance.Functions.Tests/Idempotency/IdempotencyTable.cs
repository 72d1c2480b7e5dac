using Azure;
using Azure.Data.Tables;
using Governance.Core.Idempotency;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Governance.Functions.Tests.Idempotency;

/// <summary>
/// A fresh <c>Idempotency</c> table of its own on the fixture's Azurite (so row counts are exact whatever other tests
/// do), seen through <see cref="HookedTableClient"/>: a test can run code before a write, fail one, and count pages.
/// </summary>
public sealed class IdempotencyTable : IAsyncDisposable
{
    private IdempotencyTable(TableClient inner)
    {
        Inner = inner;
        Client = new HookedTableClient(inner);
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(TableNames.Idempotency)).Returns(Client);
        Service = tables.Object;
    }

    public TableClient Inner { get; }

    public HookedTableClient Client { get; }

    public TableServiceClient Service { get; }

    public static readonly ConflictRetry Retry = new(Options.Create(new ConcurrencyOptions()), TimeProvider.System, NullLogger<ConflictRetry>.Instance);

    public static async Task<IdempotencyTable> CreateAsync(GovernanceHostFixture fixture)
    {
        var table = fixture.Tables.GetTableClient("Idempotency" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync();
        return new IdempotencyTable(table);
    }

    public IdempotencyStore Store(IdempotencyOptions options, TimeProvider time, IIdempotencyBodyStore? bodies = null)
        => new(Service, Options.Create(options), time, Retry, bodies);

    public async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Inner.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Changes a stored row behind the store's back (as another instance or a clock would).</summary>
    public async Task TamperAsync(string partitionKey, string rowKey, Action<TableEntity> change)
    {
        var row = (await Inner.GetEntityAsync<TableEntity>(partitionKey, rowKey)).Value;
        change(row);
        await Inner.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
    }

    public Task RemoveAsync(string partitionKey, string rowKey) => Inner.DeleteEntityAsync(partitionKey, rowKey, ETag.All);

    public async ValueTask DisposeAsync() => await Inner.DeleteAsync();
}
