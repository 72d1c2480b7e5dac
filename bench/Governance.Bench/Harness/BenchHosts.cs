using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Bench.Harness;

/// <summary>The in-memory Azurite and the local Functions hosts the benchmarks measure, started the same way for each.</summary>
public static class BenchHosts
{
    public static string Root => RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("Run the benchmarks from the repository.");

    public static Task<AzuriteProcess> StartAzuriteAsync() => AzuriteProcess.StartAsync(Root, (0, 0, 0), inMemory: true);

    /// <summary>A local host on a free port against <paramref name="azurite"/>, errors-only logging, the named functions switched off.</summary>
    public static Task<LocalFunctionsHost> StartAsync(AzuriteProcess azurite, IEnumerable<string> disabledFunctions, Action<IServiceCollection>? configureServices = null)
    {
        var options = new LocalHostOptions { Port = 0, RepositoryRoot = Root, MinimumLogLevel = LogLevel.Error, ConfigureServices = configureServices };
        options.Settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        foreach (var function in disabledFunctions)
        {
            options.Settings[$"AzureWebJobs.{function}.Disabled"] = "true";
        }

        return LocalFunctionsHost.StartAsync(options);
    }

    public static HttpClient Client(LocalFunctionsHost host, int concurrency)
        => new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
}
