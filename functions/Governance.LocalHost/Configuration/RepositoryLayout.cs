namespace Governance.LocalHost.Configuration;

/// <summary>Finds the repository root (the folder with Governance.sln) from where the host runs.</summary>
public static class RepositoryLayout
{
    public static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Governance.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    public static string FunctionsProjectDirectory(string root) => Path.Combine(root, "functions", "Governance.Functions");
}
