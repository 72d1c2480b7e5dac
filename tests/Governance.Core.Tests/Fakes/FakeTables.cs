using System.Collections.Concurrent;
using Azure.Data.Tables;
using Moq;

namespace Governance.Core.Tests.Fakes;

/// <summary>A <see cref="TableServiceClient"/> whose tables are <see cref="InMemoryTableClient"/>s.</summary>
internal sealed class FakeTables
{
    private readonly ConcurrentDictionary<string, InMemoryTableClient> _tables = new(StringComparer.Ordinal);

    public FakeTables()
    {
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns((string name) => Table(name));
        Service = service.Object;
    }

    public TableServiceClient Service { get; }

    public InMemoryTableClient Table(string name) => _tables.GetOrAdd(name, n => new InMemoryTableClient(n));
}
