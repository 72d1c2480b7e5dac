namespace Governance.Core.Tests.Infra;

/// <summary>The repository (found from the test's output folder by walking up to Governance.sln) and its <c>infra/</c> folder.</summary>
internal static class InfraFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Directory => Path.Combine(RepositoryRoot, "infra");

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
