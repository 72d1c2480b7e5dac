using Azure.Data.Tables;
using Governance.LocalHost.Storage;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>
/// Azurite alone (in memory, free ports) for the storage tests of the Core services: each test takes a fresh
/// <see cref="AzuriteTables"/> (tables of its own under a random prefix), so the tests of this collection share one
/// Azurite and never see each other's rows.
/// </summary>
public sealed class AzuriteTablesFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public TableServiceClient Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(GovernanceHostFixture.RepositoryRoot, (0, 0, 0), inMemory: true);
        Service = new TableServiceClient(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A table service whose tables are new and this caller's alone.</summary>
    public AzuriteTables NewTables() => new(Service);
}

[CollectionDefinition(Name)]
public sealed class AzuriteTablesCollection : ICollectionFixture<AzuriteTablesFixture>
{
    public const string Name = "Azurite tables";
}
