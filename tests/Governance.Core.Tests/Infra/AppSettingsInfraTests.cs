using Governance.Core.Configuration;
using Governance.Core.Storage;
using System.Text.Json.Nodes;
using NCrontab;

namespace Governance.Core.Tests.Infra;

/// <summary>main.bicep (as the ARM JSON it builds to) gives the function app every setting the code reads (AppSettingNames), with safe values.</summary>
public sealed class AppSettingsInfraTests
{
    private readonly Lazy<InfraInspector> _inspector = new(InfraInspector.ForRepository);
    private readonly List<string> _problems = [];

    [SkippableFact]
    public void Every_setting_the_code_reads_is_set_by_main_bicep()
    {
        var settings = SettingNames();

        var missing = AppSettingNames.All.Except(AppSettingNames.NotSetInAzure).Where(name => !settings.Contains(name)).ToList();

        AssertNoProblems();
        Assert.True(missing.Count == 0, $"Not set in infra/main.bicep: {string.Join(", ", missing)}");
    }

    [SkippableFact]
    public void Main_bicep_sets_no_setting_the_code_does_not_know()
    {
        var unknown = SettingNames().Except(AppSettingNames.All).ToList();

        AssertNoProblems();
        Assert.True(unknown.Count == 0, $"Set in infra/main.bicep but missing from AppSettingNames.All: {string.Join(", ", unknown)}");
    }

    [SkippableFact]
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

    [SkippableFact]
    public void Security_settings_use_the_managed_identity_and_key_vault()
    {
        var settings = Infra.AppSettings(_problems);

        AssertNoProblems();
        Assert.Equal("managedidentity", Value(settings, AppSettingNames.StorageCredential));
        Assert.Equal("false", Value(settings, AppSettingNames.AllowInsecureLocalCallbacks));
        Assert.Equal("false", Value(settings, AppSettingNames.StorageProvisionOnStartup));
        Assert.Equal("ServiceBus", Value(settings, AppSettingNames.EventsTransport));
        foreach (var secret in new[] { AppSettingNames.ClaimsWebhookSecrets, AppSettingNames.PaymentsWebhookSecrets, AppSettingNames.ClaimsStatusTokenSecrets })
        {
            Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", (string?)settings[secret], StringComparison.Ordinal);
        }

        Assert.StartsWith("[format('Authorization=AAD;ClientId=", (string?)settings[AppSettingNames.ApplicationInsightsAuthenticationString], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Queue_settings_name_the_queues_the_triggers_expect()
    {
        var settings = Infra.AppSettings(_problems);

        AssertNoProblems();
        Assert.All(StorageCatalog.Queues, queue => Assert.Equal(queue.DefaultName, Value(settings, queue.Setting)));
    }

    [SkippableTheory]
    [InlineData(AppSettingNames.DisclosureActivationSchedule)]
    [InlineData(AppSettingNames.AuditAnchorSchedule)]
    [InlineData(AppSettingNames.OutboxRelaySchedule)]
    [InlineData(AppSettingNames.RecourseOverdueSchedule)]
    [InlineData(AppSettingNames.PricingScanSchedule)]
    [InlineData(AppSettingNames.RetentionCleanupSchedule)]
    [InlineData(AppSettingNames.AuditCheckpointSchedule)]
    public void Timer_schedules_default_to_six_field_ncrontab(string setting)
    {
        var settings = Infra.AppSettings(_problems);

        var schedule = Value(settings, setting);

        AssertNoProblems();
        Assert.NotNull(schedule);
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotNull(CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
    }

    private InfraInspector Infra => _inspector.Value;

    private HashSet<string> SettingNames() => [.. Infra.AppSettings(_problems).Select(p => p.Key)];

    private string? Value(JsonObject settings, string name) => Infra.Value(settings, name);

    private void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
}
