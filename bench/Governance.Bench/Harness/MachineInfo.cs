using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Governance.Bench.Harness;

/// <summary>The machine a run measured: OS, CPU model and count, memory, .NET and Azurite versions, date, load.</summary>
public sealed record MachineInfo(string Os, string Cpu, int Cores, long MemoryBytes, string DotNet, string Azurite, DateTimeOffset Date, string LoadAverage)
{
    public static MachineInfo Describe(string repositoryRoot, TimeProvider clock)
        => new(
            RuntimeInformation.OSDescription,
            CpuModel(),
            Environment.ProcessorCount,
            TotalMemoryBytes(),
            RuntimeInformation.FrameworkDescription,
            AzuriteVersion(repositoryRoot),
            clock.GetUtcNow(),
            LoadAverageNow());

    /// <summary>The 1-minute load average (Linux): other work competing for the cores.</summary>
    public static string LoadAverageNow()
        => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public IEnumerable<(string Name, string Value)> Rows()
    {
        yield return ("OS", Os);
        yield return ("CPU", $"{Cpu}, {Cores} logical cores");
        yield return ("Memory", $"{MemoryBytes / 1073741824.0:F1} GiB");
        yield return (".NET", DotNet);
        yield return ("Azurite", Azurite + " (in-memory persistence)");
        yield return ("Date", Date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        yield return ("Load average at start", LoadAverage);
    }

    private static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static long TotalMemoryBytes()
    {
        const string path = "/proc/meminfo";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null
            ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string AzuriteVersion(string root)
    {
        var package = Path.Combine(root, "node_modules", "azurite", "package.json");
        return File.Exists(package)
            ? JsonDocument.Parse(File.ReadAllText(package)).RootElement.GetProperty("version").GetString() ?? "unknown"
            : "not installed (npm ci)";
    }
}
