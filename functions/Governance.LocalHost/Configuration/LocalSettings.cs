using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Governance.LocalHost.Configuration;

/// <summary>
/// Reads the <c>Values</c> of local.settings.json as Core Tools does (falling back to the repository's sample),
/// and resolves <c>%NAME%</c> placeholders in trigger attributes from configuration.
/// </summary>
public static partial class LocalSettings
{
    public static (string? Path, IReadOnlyDictionary<string, string?> Values) Load(string? repositoryRoot)
    {
        if (repositoryRoot is null)
        {
            return (null, new Dictionary<string, string?>());
        }

        var candidates = new[]
        {
            Path.Combine(RepositoryLayout.FunctionsProjectDirectory(repositoryRoot), "local.settings.json"),
            Path.Combine(repositoryRoot, "local.settings.sample.json"),
        };
        var path = candidates.FirstOrDefault(File.Exists);
        return path is null ? (null, new Dictionary<string, string?>()) : (path, ReadValues(path));
    }

    /// <summary>Keys use the environment-variable form (<c>Auth__Issuer</c>); configuration wants <c>Auth:Issuer</c>.</summary>
    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{path} has no \"Values\" object.");
        }

        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in values.EnumerateObject())
        {
            result[ToConfigurationKey(property.Name)] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }

        return result;
    }

    public static string ToConfigurationKey(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Replaces each <c>%NAME%</c> with its setting; a missing setting is a start-up error, as on the Functions host.</summary>
    public static string Resolve(string template, IConfiguration configuration)
        => Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            return configuration[ToConfigurationKey(name)]
                ?? throw new InvalidOperationException($"The trigger setting '%{name}%' is not defined in local.settings.json, the environment or the host's overrides.");
        });

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex Placeholder();
}
