using System.Collections.Concurrent;
using Azure.Data.Tables;
using Moq;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>
/// A <see cref="TableServiceClient"/> for one test on a real Azurite: <c>GetTableClient(name)</c> is the table
/// <c>{prefix}{name}</c>, created on first use, wrapped in a <see cref="HookedTableClient"/> so the test can read
/// every row, edit one behind the services' back, or make a write fail or "crash" at a chosen moment.
/// </summary>
public sealed class AzuriteTables
{
    private readonly ConcurrentDictionary<string, HookedTableClient> _tables = new(StringComparer.Ordinal);
    private readonly TableServiceClient _service;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public AzuriteTables(TableServiceClient service)
    {
        _service = service;
        var mock = new Mock<TableServiceClient>();
        mock.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns((string name) => Table(name));
        Service = mock.Object;
    }

    public TableServiceClient Service { get; }

    public HookedTableClient Table(string name) => _tables.GetOrAdd(name, n =>
    {
        var table = _service.GetTableClient(_prefix + n);
        table.CreateIfNotExists();
        return new HookedTableClient(n, table);
    });
}
