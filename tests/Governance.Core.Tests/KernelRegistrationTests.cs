using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Developers;
using Governance.Core.Idempotency;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests;

public sealed class KernelRegistrationTests
{
    /// <summary>The Values of the repository's sample settings, as the local host reads them.</summary>
    private static Dictionary<string, string?> SampleSettings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "local.settings.sample.json")))
        {
            directory = directory.Parent;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory!.FullName, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
    }

    /// <summary>A development host, as the local host and Core Tools are: the sample settings are development settings.</summary>
    private static IHost BuildHost(Action<Dictionary<string, string?>>? change = null, string environment = "Development")
    {
        var settings = SampleSettings();
        settings["Storage:ProvisionOnStartup"] = "false";
        change?.Invoke(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGovernance(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task The_sample_settings_start_a_host_with_every_kernel_service()
    {
        using var host = BuildHost();
        await host.StartAsync();

        var services = host.Services;
        Assert.NotNull(services.GetRequiredService<ICallerAuthenticator>());
        Assert.NotNull(services.GetRequiredService<DevTokenIssuer>());
        Assert.NotNull(services.GetRequiredService<DeveloperService>());
        Assert.NotNull(services.GetRequiredService<InboundWebhookVerifier>().SecretsFor("Claims").Single());
        Assert.NotNull(services.GetRequiredService<IdempotencyStore>());
        Assert.NotNull(services.GetRequiredService<IAuditLog>());
        Assert.NotNull(services.GetRequiredService<AuditAnchorWriter>());
        Assert.NotNull(services.GetRequiredService<PlatformProfileService>());
        Assert.Equal("cn-2021-draft", services.GetRequiredService<IPolicyProfileProvider>().Current.Id);
        Assert.True(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowInsecureLocalCallbacks);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_sample_signing_key_stops_a_production_host_at_start_up_naming_the_setting()
    {
        using var host = BuildHost(environment: "Production");

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth__SigningKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Functions_environment_of_Development_lets_the_sample_key_start_the_host()
    {
        using var host = BuildHost(s => s["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development", environment: "Production");

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_token_from_the_dev_issuer_passes_the_registered_authenticator()
    {
        using var host = BuildHost();
        var token = host.Services.GetRequiredService<DevTokenIssuer>().Issue([StaffRoles.Auditor]);

        var caller = await host.Services.GetRequiredService<ICallerAuthenticator>().RequireStaffAsync("Bearer " + token, StaffRoles.Auditor);

        Assert.Equal("dev-user", caller.Subject);
    }

    [Fact]
    public async Task An_unknown_policy_profile_stops_start_up()
    {
        using var host = BuildHost(s => s["Governance:PolicyProfile"] = "cn-1999");

        var ex = await Assert.ThrowsAsync<PolicyProfileException>(() => host.StartAsync());

        Assert.Contains("cn-1999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_signing_key_stops_start_up()
    {
        using var host = BuildHost(s => s["Auth:SigningKey"] = Convert.ToBase64String(new byte[16]));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth__SigningKey", ex.Message, StringComparison.Ordinal);
    }
}
