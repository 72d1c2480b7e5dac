using System.Text.Json;
using Governance.Core.Configuration;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Configuration;

/// <summary>The sample settings a developer copies must name only settings the code reads, so a typo cannot hide.</summary>
public sealed class SampleSettingsTests
{
    private static readonly string[] HostOnly = ["FUNCTIONS_WORKER_RUNTIME"];

    private static IReadOnlyList<string> SampleKeys()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
    }

    [Fact]
    public void Every_sample_setting_is_one_the_code_reads()
    {
        var unknown = SampleKeys().Except(AppSettingNames.All).Except(HostOnly).ToList();

        Assert.True(unknown.Count == 0, "Not in AppSettingNames: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_queue_and_schedule_setting_has_a_local_value()
    {
        var keys = SampleKeys();
        var needed = AppSettingNames.All.Where(n => n.EndsWith("Queue", StringComparison.Ordinal) || n.EndsWith("Schedule", StringComparison.Ordinal));

        var missing = needed.Except(keys).ToList();

        Assert.True(missing.Count == 0, "Trigger settings missing from local.settings.sample.json: " + string.Join(", ", missing));
    }
}
