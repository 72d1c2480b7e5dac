using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Governance.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace Governance.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "governance";

    /// <summary>Sources whose spans are exported: the app's, the Azure SDK's, ASP.NET Core's and HttpClient's.</summary>
    public static readonly string[] Sources = [GovernanceTelemetry.SourcePrefix + ".*", "Azure.*", "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Meters whose instruments are exported (the built-in ASP.NET Core, HttpClient and runtime meters of .NET 9+).</summary>
    public static readonly string[] Meters = [GovernanceTelemetry.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    /// <summary>
    /// OpenTelemetry traces, metrics and logs exported to Azure Monitor, only when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (without it nothing is collected, so a laptop or a test
    /// run pays nothing). With <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> = <c>Authorization=AAD[;ClientId=…]</c>
    /// the exporter signs in with that managed identity, as a component with local auth disabled requires.
    /// </summary>
    public static IServiceCollection AddGovernanceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Configure(o =>
        {
            o.ConnectionString = configuration[AppSettingNames.ApplicationInsightsConnectionString];
            o.AuthenticationString = configuration[AppSettingNames.ApplicationInsightsAuthenticationString];
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        // Whether to export at all is decided here, from the same settings the start-up validation checks.
        // A malformed setting registers no exporter (which would fail on its own terms): the validation names it.
        var settings = TelemetryOptions.From(configuration);
        if (!settings.Enabled || new TelemetryOptionsValidator().Validate(null, settings).Failed)
        {
            return services;
        }

        // The Azure SDK emits its spans on ActivitySources only with this switch (still marked experimental).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var connectionString = settings.ConnectionString;
        var credential = Credential(settings.AuthenticationString);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(Sources))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .WithLogging()
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        return services;
    }

    /// <summary>The identity the exporter signs in with, from the Functions host's authentication-string format; null for key-based ingestion.</summary>
    public static TokenCredential? Credential(string? authenticationString)
    {
        var parts = TelemetryOptions.Pairs(authenticationString);
        if (parts is null || !parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
