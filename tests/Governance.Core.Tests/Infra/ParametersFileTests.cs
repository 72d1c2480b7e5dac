using System.Text.Json;

namespace Governance.Core.Tests.Infra;

/// <summary>infra/main.parameters.json matches the parameters main.bicep declares and holds no secret.</summary>
public sealed class ParametersFileTests
{
    private readonly Bicep.BicepDocument _main = InfraFiles.LoadMain();
    private readonly HashSet<string> _given = ReadParameterNames();

    [Fact]
    public void Every_parameter_in_the_file_is_declared_by_main_bicep()
        => Assert.DoesNotContain(_given, name => !_main.Parameters.ContainsKey(name));

    [Fact]
    public void The_file_gives_every_required_parameter_except_secrets()
    {
        var missing = _main.Parameters.Values
            .Where(p => p.DefaultValue is null && p.Decorator("secure") is null && !_given.Contains(p.Name))
            .Select(p => p.Name);

        Assert.Empty(missing);
    }

    [Fact]
    public void The_file_holds_no_secure_parameter()
        => Assert.DoesNotContain(_given, name => _main.Parameters.TryGetValue(name, out var p) && p.Decorator("secure") is not null);

    private static HashSet<string> ReadParameterNames()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraFiles.Directory, "main.parameters.json")));
        return [.. json.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name)];
    }
}
