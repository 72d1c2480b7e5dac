using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Core.Tests.Infra;

/// <summary>infra/main.parameters.json matches the parameters main.bicep declares (in its ARM JSON) and holds no secret.</summary>
public sealed class ParametersFileTests
{
    private readonly HashSet<string> _given = ReadParameterNames();

    private static JsonObject Declared => new ArmTemplate(BicepCli.MainOrSkip(), "main").Parameters;

    [SkippableFact]
    public void Every_parameter_in_the_file_is_declared_by_main_bicep()
    {
        var declared = Declared;

        Assert.DoesNotContain(_given, name => !declared.ContainsKey(name));
    }

    [SkippableFact]
    public void The_file_gives_every_required_parameter_except_secrets()
    {
        var missing = Declared
            .Where(p => p.Value!["defaultValue"] is null && !IsSecure(p.Value!) && !_given.Contains(p.Key))
            .Select(p => p.Key);

        Assert.Empty(missing);
    }

    [SkippableFact]
    public void The_file_holds_no_secure_parameter()
    {
        var declared = Declared;

        Assert.DoesNotContain(_given, name => declared[name] is { } p && IsSecure(p));
    }

    [SkippableFact]
    public void The_webhook_and_token_secrets_are_secure_parameters()
    {
        var declared = Declared;

        Assert.All(["claimsWebhookSecrets", "paymentsWebhookSecrets", "claimsStatusTokenSecrets"], name => Assert.True(IsSecure(declared[name]!), name));
    }

    private static bool IsSecure(JsonNode parameter) => (string?)parameter["type"] is "securestring" or "secureObject";

    private static HashSet<string> ReadParameterNames()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraFiles.Directory, "main.parameters.json")));
        return [.. json.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name)];
    }
}
