using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Configuration;

/// <summary>
/// Every secret, URL and name setting is checked when the host starts: a bad value stops it with a message naming
/// the setting, an empty optional one does not.
/// </summary>
public sealed class StartupValidationTests
{
    private static readonly string ShortSecret = "whsec_" + Convert.ToBase64String(new byte[8]);

    /// <summary>The repository's sample settings (a development host), with <paramref name="change"/> applied.</summary>
    internal static IHost BuildHost(params (string Key, string? Value)[] change)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "local.settings.sample.json")))
        {
            directory = directory.Parent;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "local.settings.sample.json")));
        var settings = document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        settings["Storage:ProvisionOnStartup"] = "false";
        foreach (var (key, value) in change)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGovernance(builder.Configuration);
        return builder.Build();
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Webhooks__Claims__Secrets", "not-a-secret", "Webhooks__Claims__Secrets" },
        { "Webhooks__Claims__Secrets", "whsec_w09aS0PHfCvG6MecIrcR5PDhSDqurHB0I4l6tJKe5fU=;whsec_***not base64***", "Webhooks__Claims__Secrets" },
        { "Webhooks__Payments__Secrets", ShortSecret, "Webhooks__Payments__Secrets" },
        { "Webhooks__ClaimsStatus__Secret", "plain-text-secret", "Webhooks__ClaimsStatus__Secret" },
        { "Webhooks__ClaimsStatus__Url", "claims-intake.example.com/status", "Webhooks__ClaimsStatus__Url" },
        { "Webhooks__ClaimsStatus__Url", "ftp://claims-intake.example.com/status", "Webhooks__ClaimsStatus__Url" },
        { "Webhooks__DeliveryTimeoutSeconds", "0", "Webhooks__DeliveryTimeoutSeconds" },
        { "Webhooks__MaxDeliveryAttempts", "0", "Webhooks__MaxDeliveryAttempts" },
        { "Governance__PublicBaseUrl", "governance.example.com", "Governance__PublicBaseUrl" },
        { "Auth__Authority", "http://login.example.com/tenant/v2.0", "Auth__Authority" },
        { "Auth__SigningKey", "not base64 at all!", "Auth__SigningKey" },
        { "AzureWebJobsStorage", "this is not a connection string", "AzureWebJobsStorage" },
        { "ClaimsQueue", "Claims_Queue", "ClaimsQueue" },
        { "CallbacksQueue", "a-queue-name-so-long-that-its-poison-queue-could-not-be-made", "CallbacksQueue" },
        { "EventsQueue", "claims", "EventsQueue" },
        { "APPLICATIONINSIGHTS_CONNECTION_STRING", "https://example.com/ingest", "APPLICATIONINSIGHTS_CONNECTION_STRING" },
        { "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=Key", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" },
        { "Localization__TimeZone", "Mars/Olympus_Mons", "Localization__TimeZone" },
        { "Retention__BatchSize", "0", "Retention__BatchSize" },
        { "Pricing__ShardCount", "0", "Pricing__ShardCount" },
        { "Audit__ChainShards", "0", "Audit__ChainShards" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_stops_the_host_at_start_up_naming_the_setting(string setting, string value, string named)
    {
        using var host = BuildHost((setting, value));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(named, Messages(failure), StringComparison.Ordinal);
        Assert.DoesNotContain("not base64 at all!", Messages(failure), StringComparison.Ordinal); // a rejected secret is named, never echoed
    }

    [Fact]
    public async Task An_identity_connection_with_a_malformed_service_uri_stops_the_host_naming_that_setting()
    {
        using var host = BuildHost(
            ("AzureWebJobsStorage", null),
            ("AzureWebJobsStorage__blobServiceUri", "https://acct.blob.core.windows.net"),
            ("AzureWebJobsStorage__queueServiceUri", "acct.queue.core.windows.net"),
            ("AzureWebJobsStorage__tableServiceUri", "https://acct.table.core.windows.net"),
            ("AzureWebJobsStorage__credential", "managedidentity"));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", Messages(failure), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Events__ServiceBus__FullyQualifiedNamespace", "https://governance.servicebus.windows.net/")]
    [InlineData("Events__ServiceBus__ConnectionString", "this is not a connection string")]
    [InlineData("Events__ServiceBus__ClientId", "the-identity")]
    public async Task A_bad_Service_Bus_setting_stops_the_host_at_start_up_naming_it(string setting, string value)
    {
        using var host = BuildHost(("Events__Transport", "ServiceBus"), ("Events__ServiceBus__FullyQualifiedNamespace", "governance.servicebus.windows.net"), (setting, value));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(setting, Messages(failure), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhooks__ClaimsStatus__Url")]
    [InlineData("Webhooks__ClaimsStatus__Secret")]
    [InlineData("Webhooks__Payments__Secrets")]
    [InlineData("Governance__PublicBaseUrl")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    [InlineData("ClaimsQueue")]
    public async Task An_empty_optional_setting_lets_the_host_start(string setting)
    {
        using var host = BuildHost((setting, ""));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task Valid_values_of_the_optional_settings_start_the_host_and_reach_the_services()
    {
        var secret = Governance.Core.Webhooks.WebhookSecret.Generate();
        using var host = BuildHost(
            ("Webhooks__ClaimsStatus__Url", "https://claims-intake.example.com/status"),
            ("Webhooks__ClaimsStatus__Secret", secret),
            ("OutboxRelayQueue", "relay-nudges"),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001"));

        await host.StartAsync();

        var webhooks = host.Services.GetRequiredService<IOptions<Governance.Core.Webhooks.WebhookOptions>>().Value;
        Assert.Equal("https://claims-intake.example.com/status", webhooks.ClaimsStatus.Url);
        Assert.Equal(secret, webhooks.ClaimsStatus.Secret);
        Assert.Equal("relay-nudges", host.Services.GetRequiredService<Governance.Core.Storage.QueueSender>().QueueName("OutboxRelayQueue"));
        Assert.Equal("claims", host.Services.GetRequiredService<Governance.Core.Storage.QueueSender>().QueueName("ClaimsQueue"));
        await host.StopAsync();
    }

    private static string Messages(Exception failure)
        => failure is AggregateException aggregate
            ? string.Join(Environment.NewLine, aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : failure.Message;
}
