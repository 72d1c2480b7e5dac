using Azure.Identity;
using Governance.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Governance.Core.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    private static ServiceProvider Build(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("APPLICATIONINSIGHTS_CONNECTION_STRING", connectionString), new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001")])
            .Build();
        return new ServiceCollection().AddLogging().AddGovernanceTelemetry(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_collected()
    {
        using var services = Build(null);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void With_a_connection_string_traces_and_metrics_of_the_app_and_the_Azure_SDK_are_exported()
    {
        using var services = Build("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/");

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
        using var span = GovernanceTelemetry.Kernel.StartActivity("probe");
        Assert.NotNull(span);
        Assert.Contains("Azure.*", TelemetryServiceCollectionExtensions.Sources);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_Functions_host_authentication_string_selects_the_managed_identity(string? value, bool identity)
        => Assert.Equal(identity, TelemetryServiceCollectionExtensions.Credential(value) is ManagedIdentityCredential);
}
