using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Governance.Core.Storage;
using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>
/// One Azurite (free ports, in memory, installed from package.json when missing) and one local host on a free
/// port against it, shared by the tests of the <see cref="GovernanceHostCollection"/>.
/// </summary>
public sealed class GovernanceHostFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private LocalFunctionsHost? _host;

    /// <summary>The key of a machine client that may send pricing observations (<c>Pricing__IngestionKeys</c>).</summary>
    public const string PricingIngestionKey = "pricing-feed-test-key-7d1c0f3a9b2e4d5c8a6b";

    public static string RepositoryRoot { get; } = RepositoryLayout.FindRoot()
        ?? throw new InvalidOperationException("Tests must run inside the repository (no Governance.sln found above the test folder).");

    public OffsetTimeProvider Clock { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string StorageConnectionString => Azurite.ConnectionString;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("The fixture has not started.");

    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public IServiceProvider Services => Host.Services;

    public TableServiceClient Tables { get; private set; } = null!;

    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>Sends base64, as the app's own clients and the queue trigger expect.</summary>
    public QueueServiceClient Queues { get; private set; } = null!;

    public IConfiguration Configuration => Services.GetRequiredService<IConfiguration>();

    public async Task InitializeAsync()
    {
        AppClock.Current = Clock;
        _azurite = await AzuriteProcess.StartAsync(RepositoryRoot, (0, 0, 0), inMemory: true);
        var options = new LocalHostOptions
        {
            Port = 0,
            RepositoryRoot = RepositoryRoot,
            MinimumLogLevel = LogLevel.Warning,
            ConfigureHostJson = host => host with { QueueMaxPollingInterval = TimeSpan.FromMilliseconds(250) },
            QueueMessageLease = TimeSpan.FromSeconds(3),
            ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)),
        };
        options.Settings["AzureWebJobsStorage"] = _azurite.ConnectionString;
        options.Settings[ProbeSettings.TimerSchedule] = "*/1 * * * * *";
        options.Settings[ProbeSettings.Queue] = "probe-items";
        options.Settings["Pricing__IngestionKeys"] = PricingIngestionKey;

        // The tests' own client plays a trusted proxy: it sets X-Forwarded-For to give each test its own
        // sign-up bucket. Any other peer (SignUpClientAddressTests connects from another loopback address) is a client.
        options.Settings["ClientAddress__KnownProxies"] = "127.0.0.1;::1";

        // Daily timers would fire mid-run at some hours and touch other tests' data; tests run them through
        // admin/functions when they need them.
        // The compliance timers too: their tests run them when they move the clock.
        foreach (var daily in new[] { "AuditAnchorSchedule", "AuditCheckpointSchedule", "RecourseOverdueSchedule", "RetentionCleanupSchedule", "PricingScanSchedule", "OnboardingRecheckSchedule", "ExportExpirySchedule", "IncidentDeadlineSchedule" })
        {
            options.Settings[daily] = "0 0 0 1 1 *";
        }
        options.FunctionAssemblies.Add(typeof(GovernanceHostFixture).Assembly);
        _host = await LocalFunctionsHost.StartAsync(options);

        Client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var factory = new StorageClientFactory(new ConfigurationBuilder().AddInMemoryCollection([new("AzureWebJobsStorage", _azurite.ConnectionString)]).Build());
        Tables = factory.CreateTableServiceClient();
        Blobs = factory.CreateBlobServiceClient();
        Queues = factory.CreateQueueServiceClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GovernanceHostCollection : ICollectionFixture<GovernanceHostFixture>
{
    public const string Name = "Governance local host on Azurite";
}

public static class ProbeSettings
{
    public const string TimerSchedule = "ProbeTimerSchedule";
    public const string Queue = "ProbeQueue";
}
