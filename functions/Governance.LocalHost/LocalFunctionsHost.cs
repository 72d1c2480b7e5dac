using System.Net;
using Azure.Storage.Queues;
using Governance.Core;
using Governance.Core.Storage;
using Governance.Functions;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Governance.LocalHost.Admin;
using Governance.LocalHost.Configuration;
using Governance.LocalHost.Http;
using Governance.LocalHost.Invocation;
using Governance.LocalHost.Queues;
using Governance.LocalHost.Storage;
using Governance.LocalHost.Timers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration.Memory;

namespace Governance.LocalHost;

/// <summary>
/// Runs the function app's classes in-process on Kestrel, with the triggers they declare, against
/// Azurite or any storage account: a stand-in for Core Tools that tests can drive.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private const long AzureFunctionsMaxRequestBytes = 100 * 1024 * 1024;
    private readonly WebApplication _app;
    private readonly AzuriteProcess? _azurite;

    private LocalFunctionsHost(WebApplication app, AzuriteProcess? azurite, Uri baseAddress)
    {
        _app = app;
        _azurite = azurite;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public LocalFunctionRegistry Registry => _app.Services.GetRequiredService<LocalFunctionRegistry>();

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        var root = options.RepositoryRoot ?? RepositoryLayout.FindRoot();
        // Like Core Tools (AZURE_FUNCTIONS_ENVIRONMENT=Development), the local host is a development host unless the
        // environment says otherwise: development-only settings (the sample signing key) are accepted here.
        var environmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environments.Development;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = environmentName });
        var (settingsPath, values) = LocalSettings.Load(root);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        builder.Configuration.AddInMemoryCollection(options.Settings.Select(s => new KeyValuePair<string, string?>(LocalSettings.ToConfigurationKey(s.Key), s.Value)));

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var startupLog = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.MinimumLogLevel)).CreateLogger("Governance.LocalHost");
        startupLog.LogInformation("Settings: {Path}", settingsPath ?? "(none found; environment only)");

        // Before anything starts: an HTTP function without an access declaration stops the host here.
        var discovered = options.FunctionAssemblies.SelectMany(FunctionCatalog.Discover).ToList();
        AccessGate.RequireDeclarations(discovered);
        var azurite = await StartAzuriteIfNeededAsync(builder.Configuration, root, startupLog, cancellationToken);

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = AzureFunctionsMaxRequestBytes;
            if (options.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(options.Port);
            }
        });

        var hostJson = HostJson.Load(AppContext.BaseDirectory);
        hostJson = options.ConfigureHostJson?.Invoke(hostJson) ?? hostJson;
        var functions = discovered.Where(f => !IsDisabled(builder.Configuration, f.Name, startupLog)).ToList();
        var registry = new LocalFunctionRegistry();

        builder.Services.AddMvc();
        builder.Services.AddGovernance(builder.Configuration);
        builder.Services.AddGovernanceFunctions();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(hostJson);
        builder.Services.AddSingleton<FunctionInvoker>();
        RegisterBackgroundTriggers(builder, functions, hostJson, registry, options.QueueMessageLease);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseStatusCodePages(async context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            var detail = status switch
            {
                404 => $"No function serves {context.HttpContext.Request.Path}.",
                405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                _ => "The request failed.",
            };
            await new ProblemResponse(status, ReasonPhrases.GetReasonPhrase(status), detail).ExecuteAsync(context.HttpContext);
        });
        app.UseRouting();
        var byName = functions.Where(f => f.Trigger == TriggerKind.Http).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
        for (var rank = 0; rank < byName.Count; rank++)
        {
            registry.Add(HttpFunctionEndpoints.Map(app, byName[rank], hostJson.RoutePrefix, rank));
        }

        AdminEndpoints.Map(app);

        try
        {
            await app.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::1]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/");
        startupLog.LogInformation("Serving {Count} functions on {Address} (HTTP under /{Prefix}/).", functions.Count, baseAddress, hostJson.RoutePrefix);
        foreach (var served in registry.Functions)
        {
            startupLog.LogInformation("  {Name}: {Trigger} {Detail}", served.Name, served.Trigger,
                served.Trigger switch
                {
                    TriggerKind.Http => $"[{string.Join(',', served.Methods is { Count: > 0 } m ? m : ["ANY"])}] {served.Route}",
                    TriggerKind.Queue => $"queue '{served.QueueName}'",
                    _ => $"schedule '{served.Schedule}'" + (served.RunOnStartup ? " (runs on start-up)" : string.Empty),
                });
        }

        return new LocalFunctionsHost(app, azurite, baseAddress);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The Functions host's switch: app setting <c>AzureWebJobs.{name}.Disabled</c> = true.</summary>
    private static bool IsDisabled(IConfiguration configuration, string name, ILogger log)
    {
        var disabled = string.Equals(configuration[$"AzureWebJobs.{name}.Disabled"], "true", StringComparison.OrdinalIgnoreCase);
        if (disabled)
        {
            log.LogInformation("Function {Name} is disabled by AzureWebJobs.{Name}.Disabled.", name, name);
        }

        return disabled;
    }

    private static void RegisterBackgroundTriggers(WebApplicationBuilder builder, IEnumerable<FunctionDescriptor> functions, HostJson hostJson, LocalFunctionRegistry registry, TimeSpan queueMessageLease)
    {
        foreach (var function in functions)
        {
            switch (function.Trigger)
            {
                case TriggerKind.Queue:
                {
                    var queueName = LocalSettings.Resolve(function.QueueName ?? string.Empty, builder.Configuration);
                    var connection = function.Connection ?? "AzureWebJobsStorage";
                    QueueFunctionListener? listener = null;
                    builder.Services.AddSingleton<IHostedService>(sp => listener = ActivatorUtilities.CreateInstance<QueueFunctionListener>(
                        sp, function, queueName, hostJson, new StorageClientFactory(sp.GetRequiredService<IConfiguration>(), connection).CreateQueueServiceClient(QueueMessageEncoding.None), queueMessageLease));
                    registry.Add(
                        new ServedFunction(function.Name, TriggerKind.Queue, QueueName: queueName),
                        (input, ct) => (listener ?? throw new InvalidOperationException("The host has not started.")).RunPayloadAsync(input ?? string.Empty, ct));
                    break;
                }

                case TriggerKind.Timer:
                {
                    var schedule = LocalSettings.Resolve(function.Schedule ?? string.Empty, builder.Configuration);
                    _ = TimerFunctionScheduler.Parse(schedule);
                    TimerFunctionScheduler? scheduler = null;
                    builder.Services.AddSingleton<IHostedService>(sp => scheduler = ActivatorUtilities.CreateInstance<TimerFunctionScheduler>(sp, function, schedule));
                    registry.Add(
                        new ServedFunction(function.Name, TriggerKind.Timer, Schedule: schedule, RunOnStartup: function.RunOnStartup),
                        (_, ct) => (scheduler ?? throw new InvalidOperationException("The host has not started.")).RunAsync(isPastDue: false, ct));
                    break;
                }
            }
        }
    }

    private static async Task<AzuriteProcess?> StartAzuriteIfNeededAsync(IConfiguration configuration, string? root, ILogger log, CancellationToken cancellationToken)
    {
        var storage = configuration["AzureWebJobsStorage"];
        if (!string.Equals(storage?.Trim().TrimEnd(';'), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var ports = AzuriteProcess.DefaultPorts;
        var listening = new[] { ports.Blob, ports.Queue, ports.Table }.Count(AzuriteProcess.IsListening);
        if (listening == 3)
        {
            log.LogInformation("Using the Azurite already listening on ports {Blob}-{Table}.", ports.Blob, ports.Table);
            return null;
        }

        if (listening > 0)
        {
            throw new InvalidOperationException($"Some of the Azurite ports {ports.Blob}, {ports.Queue}, {ports.Table} are taken but not all: stop whatever holds them, or start Azurite with all three services.");
        }

        if (root is null)
        {
            throw new InvalidOperationException("AzureWebJobsStorage is UseDevelopmentStorage=true and no Azurite is running; run from the repository so the local host can start Azurite from its node_modules.");
        }

        return await AzuriteProcess.StartAsync(root, ports, inMemory: false, m => log.LogInformation("{Message}", m), cancellationToken);
    }
}
