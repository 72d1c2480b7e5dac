using Azure.Data.Tables;
using Azure.Storage.Queues;
using Governance.Core;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// A world of its own for a fault: its own Azurite and the local host against it (in this process, or as a child
/// process that can be killed), with the settings the shared fixture uses (parked daily timers, short queue
/// polling and leases) and storage clients to look behind the API.
/// </summary>
public sealed class FaultStack : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly ServiceProvider _tokens;

    private FaultStack(AzuriteProcess azurite, Dictionary<string, string> settings)
    {
        Azurite = azurite;
        _settings = settings;
        var configuration = new ConfigurationManager();
        configuration.Sources.Add(new MemoryConfigurationSource { InitialData = LocalSettings.Load(GovernanceHostFixture.RepositoryRoot).Values });
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(LocalSettings.ToConfigurationKey(s.Key), s.Value)));
        Configuration = configuration;
        _tokens = new ServiceCollection().AddLogging().AddGovernance(configuration).BuildServiceProvider();
        Connect();
    }

    public AzuriteProcess Azurite { get; private set; }

    public IConfiguration Configuration { get; }

    public IReadOnlyDictionary<string, string> Settings => _settings;

    public TableServiceClient Tables { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    public Azure.Storage.Blobs.BlobServiceClient Blobs { get; private set; } = null!;

    public LocalFunctionsHost? InProcessHost { get; private set; }

    public ChildLocalHost? ChildHost { get; private set; }

    public HttpClient Client { get; private set; } = new();

    public FaultChecks Checks => new(Client, Token, Tables, Queues, Configuration);

    /// <summary>Azurite on free ports; in memory, or with its data files in <paramref name="location"/>.</summary>
    public static async Task<FaultStack> CreateAsync(string? location = null, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var azurite = await AzuriteProcess.StartAsync(GovernanceHostFixture.RepositoryRoot, (0, 0, 0), inMemory: location is null, location: location);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Pricing__IngestionKeys"] = GovernanceHostFixture.PricingIngestionKey,
            ["OutboxRelaySchedule"] = "*/2 * * * * *",

            // A development host, like the shared fixture's: the sample signing key is accepted and tokens are issued with it.
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        };

        // As in the shared fixture: daily timers stay parked unless a test runs them.
        foreach (var daily in new[] { "AuditAnchorSchedule", "AuditCheckpointSchedule", "RecourseOverdueSchedule", "RetentionCleanupSchedule", "PricingScanSchedule", "OnboardingRecheckSchedule" })
        {
            settings[daily] = "0 0 0 1 1 *";
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        return new FaultStack(azurite, settings);
    }

    public string Token(params string[] roles) => _tokens.GetRequiredService<DevTokenIssuer>().Issue(roles, subject: "fault-" + string.Join('-', roles));

    public async Task StartInProcessAsync()
    {
        var options = new LocalHostOptions
        {
            Port = 0,
            RepositoryRoot = GovernanceHostFixture.RepositoryRoot,
            MinimumLogLevel = LogLevel.Critical,
            ConfigureHostJson = host => host with { QueueMaxPollingInterval = TimeSpan.FromMilliseconds(250) },
            QueueMessageLease = TimeSpan.FromSeconds(3),
        };
        foreach (var (name, value) in _settings)
        {
            options.Settings[name] = value;
        }

        InProcessHost = await LocalFunctionsHost.StartAsync(options);
        UseClient(InProcessHost.BaseAddress);
    }

    public async Task StartChildAsync()
    {
        ChildHost = await ChildLocalHost.StartAsync(_settings, queuePolling: TimeSpan.FromMilliseconds(250), queueLease: TimeSpan.FromSeconds(3));
        UseClient(ChildHost.BaseAddress);
    }

    /// <summary>
    /// Stops Azurite as Ctrl+C does and waits until it has saved its data and exited (Azurite 3.37 takes about 20 s
    /// to close); <see cref="RestartAzuriteAsync"/> brings it back on the same ports and data.
    /// </summary>
    public Task StopAzuriteAsync() => Azurite.StopGracefullyAsync(TimeSpan.FromSeconds(60));

    public async Task RestartAzuriteAsync(string location)
    {
        await Azurite.DisposeAsync();
        Azurite = await AzuriteProcess.StartAsync(GovernanceHostFixture.RepositoryRoot, (Azurite.BlobPort, Azurite.QueuePort, Azurite.TablePort), inMemory: false, location: location);
        Connect();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (ChildHost is not null)
        {
            await ChildHost.DisposeAsync();
        }

        if (InProcessHost is not null)
        {
            await InProcessHost.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        await _tokens.DisposeAsync();
    }

    private void UseClient(Uri baseAddress)
    {
        Client.Dispose();
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private void Connect()
    {
        var factory = new StorageClientFactory(new ConfigurationBuilder().AddInMemoryCollection([new("AzureWebJobsStorage", Azurite.ConnectionString)]).Build());
        Tables = factory.CreateTableServiceClient();
        Queues = factory.CreateQueueServiceClient();
        Blobs = factory.CreateBlobServiceClient();
    }
}
