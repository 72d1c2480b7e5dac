using Governance.LocalHost;
using Governance.LocalHost.Configuration;
using Microsoft.Extensions.Configuration;

namespace Governance.Functions.Tests.LocalHostUnit;

public sealed class LocalSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("governance-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Values_use_the_environment_variable_form_and_become_configuration_keys()
    {
        var path = Path.Combine(_directory, "local.settings.json");
        File.WriteAllText(path, """{ "IsEncrypted": false, "Values": { "Auth__Issuer": "me", "ClaimsQueue": "claims", "Flag": true } }""");

        var values = LocalSettings.ReadValues(path);

        Assert.Equal("me", values["Auth:Issuer"]);
        Assert.Equal("claims", values["ClaimsQueue"]);
        Assert.Equal("true", values["Flag"]);
    }

    [Fact]
    public void The_functions_project_file_wins_over_the_sample()
    {
        var functions = RepositoryLayout.FunctionsProjectDirectory(_directory);
        Directory.CreateDirectory(functions);
        File.WriteAllText(Path.Combine(_directory, "local.settings.sample.json"), """{ "Values": { "Which": "sample" } }""");

        Assert.Equal("sample", LocalSettings.Load(_directory).Values["Which"]);

        File.WriteAllText(Path.Combine(functions, "local.settings.json"), """{ "Values": { "Which": "local" } }""");

        Assert.Equal("local", LocalSettings.Load(_directory).Values["Which"]);
    }

    [Fact]
    public void Placeholders_resolve_from_configuration_and_a_missing_one_names_itself()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ClaimsQueue", "claims-a"), new("Schedules:Audit", "0 0 1 * * *")]).Build();

        Assert.Equal("claims-a", LocalSettings.Resolve("%ClaimsQueue%", configuration));
        Assert.Equal("0 0 1 * * *", LocalSettings.Resolve("%Schedules__Audit%", configuration));
        Assert.Equal("literal", LocalSettings.Resolve("literal", configuration));
        var ex = Assert.Throws<InvalidOperationException>(() => LocalSettings.Resolve("%Nope%", configuration));
        Assert.Contains("%Nope%", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_takes_a_port_and_rejects_what_it_does_not_know()
    {
        Assert.Equal(7071, LocalHostOptions.FromArgs([]).Port);
        Assert.Equal(8080, LocalHostOptions.FromArgs(["--port", "8080"]).Port);
        Assert.Throws<ArgumentException>(() => LocalHostOptions.FromArgs(["--port", "x"]));
        Assert.Throws<ArgumentException>(() => LocalHostOptions.FromArgs(["--bogus"]));
    }
}
