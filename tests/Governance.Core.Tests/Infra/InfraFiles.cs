using Governance.Core.Tests.Infra.Bicep;

namespace Governance.Core.Tests.Infra;

/// <summary>The Bicep files under <c>infra/</c>, found from the test's output folder by walking up to Governance.sln.</summary>
internal static class InfraFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Directory => Path.Combine(RepositoryRoot, "infra");

    public static BicepDocument LoadMain() => BicepDocument.Load(Path.Combine(Directory, "main.bicep"));

    /// <summary>Loads a module the way main.bicep names it (a path relative to main.bicep).</summary>
    public static BicepDocument Module(string relativePath) => BicepDocument.Load(Path.GetFullPath(Path.Combine(Directory, relativePath)));

    public static IReadOnlyList<BicepDocument> AllBicepFiles()
        => [.. System.IO.Directory.EnumerateFiles(Directory, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(BicepDocument.Load)];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Governance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Governance.sln not found above {AppContext.BaseDirectory}.");
    }
}
