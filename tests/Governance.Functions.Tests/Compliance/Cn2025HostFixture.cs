using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Tests.Compliance;

/// <summary>
/// A local host under policy profile <c>cn-2025</c> on an Azurite of its own, with a clock of its own: its data
/// catalog (whose running totals decide filings) starts empty, and moving its clock by years (for the retention
/// period) touches nothing the shared host's tests read.
/// </summary>
public sealed class Cn2025HostFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private LocalFunctionsHost? _host;

    public OffsetTimeProvider Clock { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public ComplianceApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(GovernanceHostFixture.RepositoryRoot, (0, 0, 0), inMemory: true);
        var options = new LocalHostOptions
        {
            Port = 0,
            RepositoryRoot = GovernanceHostFixture.RepositoryRoot,
            MinimumLogLevel = LogLevel.Warning,
            ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)),
        };
        options.Settings["AzureWebJobsStorage"] = _azurite.ConnectionString;
        options.Settings["Governance__PolicyProfile"] = "cn-2025";
        foreach (var schedule in new[] { "AuditAnchorSchedule", "AuditCheckpointSchedule", "RecourseOverdueSchedule", "RetentionCleanupSchedule", "PricingScanSchedule", "ExportExpirySchedule", "IncidentDeadlineSchedule" })
        {
            options.Settings[schedule] = "0 0 0 1 1 *";
        }

        _host = await LocalFunctionsHost.StartAsync(options);
        Client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Api = new ComplianceApi(Client, _host.Services, Clock);
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
