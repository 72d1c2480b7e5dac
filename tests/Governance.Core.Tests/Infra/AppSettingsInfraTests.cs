using Governance.Core.Configuration;
using Governance.Core.Storage;
using Governance.Core.Tests.Infra.Bicep;
using NCrontab;

namespace Governance.Core.Tests.Infra;

/// <summary>main.bicep gives the function app every setting the code reads (AppSettingNames), with safe values.</summary>
public sealed class AppSettingsInfraTests
{
    private readonly InfraInspector _infra = InfraInspector.ForRepository();
    private readonly List<string> _problems = [];

    [Fact]
    public void Every_setting_the_code_reads_is_set_by_main_bicep()
    {
        var settings = SettingNames();

        var missing = AppSettingNames.All.Except(AppSettingNames.NotSetInAzure).Where(name => !settings.Contains(name)).ToList();

        AssertNoProblems();
        Assert.True(missing.Count == 0, $"Not set in infra/main.bicep: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Main_bicep_sets_no_setting_the_code_does_not_know()
    {
        var unknown = SettingNames().Except(AppSettingNames.All).ToList();

        AssertNoProblems();
        Assert.True(unknown.Count == 0, $"Set in infra/main.bicep but missing from AppSettingNames.All: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Key_based_and_development_settings_are_not_deployed()
    {
        string[] flexConsumptionRejects = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE"];

        var deployed = SettingNames().Intersect([.. AppSettingNames.NotSetInAzure, .. flexConsumptionRejects]).ToList();

        AssertNoProblems();
        Assert.True(deployed.Count == 0, $"Must not be set in Azure: {string.Join(", ", deployed)}");
    }

    [Fact]
    public void NotSetInAzure_lists_only_settings_the_code_reads()
        => Assert.Empty(AppSettingNames.NotSetInAzure.Except(AppSettingNames.All));

    [Fact]
    public void Security_settings_use_the_managed_identity_and_key_vault()
    {
        var settings = _infra.AppSettings(_problems);

        AssertNoProblems();
        Assert.Equal("managedidentity", Value(settings, AppSettingNames.StorageCredential));
        Assert.Equal("false", Value(settings, AppSettingNames.AllowInsecureLocalCallbacks));
        Assert.Equal("false", Value(settings, AppSettingNames.StorageProvisionOnStartup));
        Assert.Equal("ServiceBus", Value(settings, AppSettingNames.EventsTransport));
        var secrets = Assert.IsType<BicepString>(settings[AppSettingNames.ClaimsWebhookSecrets]);
        Assert.StartsWith("'@Microsoft.KeyVault(SecretUri=", secrets.Raw, StringComparison.Ordinal);
        var authentication = Assert.IsType<BicepString>(settings[AppSettingNames.ApplicationInsightsAuthenticationString]);
        Assert.StartsWith("'Authorization=AAD;ClientId=", authentication.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_settings_name_the_queues_the_triggers_expect()
    {
        var settings = _infra.AppSettings(_problems);

        AssertNoProblems();
        Assert.All(StorageCatalog.Queues, queue => Assert.Equal(queue.DefaultName, Value(settings, queue.Setting)));
    }

    [Theory]
    [InlineData(AppSettingNames.DisclosureActivationSchedule)]
    [InlineData(AppSettingNames.AuditAnchorSchedule)]
    [InlineData(AppSettingNames.OutboxRelaySchedule)]
    [InlineData(AppSettingNames.RecourseOverdueSchedule)]
    [InlineData(AppSettingNames.PricingScanSchedule)]
    [InlineData(AppSettingNames.RetentionCleanupSchedule)]
    public void Timer_schedules_default_to_six_field_ncrontab(string setting)
    {
        var settings = _infra.AppSettings(_problems);

        var schedule = Value(settings, setting);

        AssertNoProblems();
        Assert.NotNull(schedule);
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotNull(CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
    }

    private HashSet<string> SettingNames() => [.. _infra.AppSettings(_problems).Properties.Select(p => p.Name)];

    private string? Value(BicepObject settings, string name)
        => settings[name] is { } node ? _infra.Main.Evaluate(node) as string : null;

    private void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
}
