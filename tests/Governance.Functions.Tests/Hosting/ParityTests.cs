using System.Reflection;
using System.Text.Json;
using Governance.Functions.Hosting;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost.Configuration;

namespace Governance.Functions.Tests.Hosting;

/// <summary>The local host serves exactly what the worker SDK says the app has, with the same trigger settings.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ParityTests(GovernanceHostFixture fixture)
{
    internal sealed record MetadataFunction(string Name, string Type, string? Route, string[] Methods, string? QueueName, string? Schedule, bool RunOnStartup);

    internal static IReadOnlyList<MetadataFunction> ReadFunctionsMetadata()
    {
        var configuration = typeof(ParityTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(GovernanceHostFixture.RepositoryRoot, "functions", "Governance.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"The worker SDK's {path} is missing: build the function app first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = new List<MetadataFunction>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            functions.Add(new MetadataFunction(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order().ToArray() : [],
                trigger.TryGetProperty("queueName", out var queue) ? queue.GetString() : null,
                trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null,
                trigger.TryGetProperty("runOnStartup", out var onStart) && onStart.ValueKind == JsonValueKind.True));
        }

        return functions;
    }

    [Fact]
    public void Every_function_in_functions_metadata_is_served_with_the_same_trigger_and_vice_versa()
    {
        var metadata = ReadFunctionsMetadata();
        var appFunctionNames = FunctionCatalog.Discover(typeof(FunctionCatalog).Assembly).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var served = fixture.Host.Registry.Functions.Where(f => appFunctionNames.Contains(f.Name)).ToDictionary(f => f.Name, StringComparer.Ordinal);

        Assert.Equal(metadata.Select(m => m.Name).Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
        Assert.NotEmpty(metadata);
        foreach (var expected in metadata)
        {
            var actual = served[expected.Name];
            switch (expected.Type)
            {
                case "httpTrigger":
                    Assert.Equal(TriggerKind.Http, actual.Trigger);
                    Assert.Equal("/api/" + (expected.Route ?? expected.Name).Trim('/'), actual.Route);
                    Assert.Equal(expected.Methods, (actual.Methods ?? []).Order().ToArray());
                    break;
                case "queueTrigger":
                    Assert.Equal(TriggerKind.Queue, actual.Trigger);
                    Assert.Equal(LocalSettings.Resolve(expected.QueueName!, fixture.Configuration), actual.QueueName);
                    break;
                case "timerTrigger":
                    Assert.Equal(TriggerKind.Timer, actual.Trigger);
                    Assert.Equal(LocalSettings.Resolve(expected.Schedule!, fixture.Configuration), actual.Schedule);
                    Assert.Equal(expected.RunOnStartup, actual.RunOnStartup);
                    break;
                default:
                    Assert.Fail($"{expected.Name} has trigger '{expected.Type}', which the local host does not serve.");
                    break;
            }
        }
    }
}
