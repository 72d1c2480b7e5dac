using Azure.Storage.Blobs;
using Governance.Core.Policies;
using Governance.Core.Pricing;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Segments;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Options;
using Moq;

namespace Governance.Functions.Tests.Pricing;

/// <summary>Azurite alone (in memory, free ports) with the pricing services wired as AddPricing wires them, 4 shards.</summary>
public sealed class PricingAzuriteFixture : IAsyncLifetime
{
    public const int ShardCount = 4;
    private AzuriteProcess? _azurite;

    public BlobServiceClient Blobs { get; private set; } = null!;

    public BlobContainerClient Observations => Blobs.GetBlobContainerClient(ContainerNames.PricingObservations);

    public IPolicyProfileProvider Profiles { get; } = Mock.Of<IPolicyProfileProvider>(p => p.Current == PolicyProfileLoader.LoadEmbedded("cn-2021-draft"));

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(GovernanceHostFixture.RepositoryRoot, (0, 0, 0), inMemory: true);
        Blobs = new BlobServiceClient(_azurite.ConnectionString);
        await Blobs.GetBlobContainerClient(ContainerNames.PricingObservations).CreateIfNotExistsAsync();
        await Blobs.GetBlobContainerClient(ContainerNames.PricingScanResults).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A fresh set of services (as another instance of the app would have: its own id-log cache).</summary>
    public PricingServices Instance(int shardCount = ShardCount)
    {
        var layout = new ObservationLayout(Blobs, Options.Create(new PricingOptions { ShardCount = shardCount }));
        var index = new ObservationIdIndex(Observations);
        var ingestor = new ObservationIngestor(layout, new ObservationSegmentStore(layout, index, new ConflictRetry(Options.Create(new ConcurrencyOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConflictRetry>.Instance)), new TestCurrencies());
        return new PricingServices(layout, ingestor, new ShardScanner(Blobs, layout, Profiles), new ScanFinalizer(Blobs, Profiles));
    }

    public async Task<List<string>> SegmentNamesAsync(DateOnly day)
    {
        var names = new List<string>();
        await foreach (var blob in Observations.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, ObservationPaths.DayPrefix(day), default))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private sealed class TestCurrencies : IActiveCurrencies
    {
        public bool IsActive(string code) => code is "CNY" or "USD";
    }
}

public sealed record PricingServices(ObservationLayout Layout, ObservationIngestor Ingestor, ShardScanner Scanner, ScanFinalizer Finalizer);
