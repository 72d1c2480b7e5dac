using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Governance.Core.Tests.Infra;

/// <summary>
/// The Bicep CLI that <c>.ci/validate-infra.sh</c> installs into <c>.tools/</c> (the version it pins), else <c>bicep</c>
/// on PATH. Without one the infra tests are skipped, unless <c>GOVERNANCE_REQUIRE_BICEP=1</c> (set by <c>.ci/run</c>
/// after validate-infra.sh ran), where they fail.
/// </summary>
internal static class BicepCli
{
    public const string RequireVariable = "GOVERNANCE_REQUIRE_BICEP";

    private static readonly Lazy<string?> Cli = new(Find);

    private static readonly Lazy<JsonObject?> MainTemplate = new(() => Path is { } cli ? Build(cli, System.IO.Path.Combine(InfraFiles.Directory, "main.bicep")) : null);

    public static string? Path => Cli.Value;

    /// <summary>The ARM JSON <c>bicep build infra/main.bicep --stdout</c> emits (built once per run), or a skip/failure when there is no CLI.</summary>
    public static JsonObject MainOrSkip()
    {
        if (Path is null)
        {
            const string How = "run .ci/validate-infra.sh (it installs the pinned CLI into .tools/) or put bicep on PATH";
            Assert.False(Environment.GetEnvironmentVariable(RequireVariable) == "1", $"{RequireVariable}=1 but no Bicep CLI was found: {How}.");
            Skip.If(true, $"No Bicep CLI ({How}); set {RequireVariable}=1 to make this a failure.");
        }

        return MainTemplate.Value!;
    }

    private static JsonObject Build(string cli, string file)
    {
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "build", file, "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bicep build {file} failed ({process.ExitCode}): {stderr.Result}");
        return JsonNode.Parse(json)!.AsObject();
    }

    private static string? Find()
    {
        var script = File.ReadAllText(System.IO.Path.Combine(InfraFiles.RepositoryRoot, ".ci", "validate-infra.sh"));
        var package = Pinned(script, "BICEP_PACKAGE").ToLowerInvariant();
        var pinned = System.IO.Path.Combine(InfraFiles.RepositoryRoot, ".tools", "nuget", package, Pinned(script, "BICEP_VERSION"), "tools", "bicep");
        if (File.Exists(pinned))
        {
            return pinned;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "bicep"))
            .FirstOrDefault(File.Exists);
    }

    private static string Pinned(string script, string variable)
    {
        var match = Regex.Match(script, $"^{variable}=\"([^\"]+)\"", RegexOptions.Multiline);
        Assert.True(match.Success, $".ci/validate-infra.sh no longer sets {variable}.");
        return match.Groups[1].Value;
    }
}
