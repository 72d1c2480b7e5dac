using System.Diagnostics;
using System.Globalization;

namespace Governance.Bench.Harness;

/// <summary>CPU seconds used so far by this process and (on Linux) by the Azurite process it started.</summary>
public sealed class CpuMeter
{
    private readonly int? _azurite = FindAzurite();

    public double Seconds()
    {
        var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        if (_azurite is not { } pid || Stat(pid) is not { } fields)
        {
            return own;
        }

        // utime and stime (fields 14 and 15 of /proc/[pid]/stat) in clock ticks of 1/100 s.
        return own + ((double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100);
    }

    /// <summary>The fields of /proc/[pid]/stat after the command name (state first, then the parent's id, …).</summary>
    private static string[]? Stat(int pid)
        => File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;

    private static int? FindAzurite()
    {
        foreach (var node in Process.GetProcessesByName("node"))
        {
            var commandLine = $"/proc/{node.Id}/cmdline";
            if (Stat(node.Id) is { } fields && fields[1] == Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
                && File.Exists(commandLine) && File.ReadAllText(commandLine).Contains("azurite", StringComparison.Ordinal))
            {
                return node.Id;
            }
        }

        return null;
    }
}
