using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// The local host as a separate OS process (<c>dotnet Governance.LocalHost.dll</c>), so a test can kill it with
/// SIGKILL and start it again. Settings go in as environment variables, which win over local.settings.json.
/// </summary>
public sealed partial class ChildLocalHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ChildLocalHost(Process process, ConcurrentQueue<string> output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the host wrote so far (for failure messages).</summary>
    public string Output => string.Join('\n', _output.TakeLast(80));

    /// <summary>The host's assembly with its deps and runtimeconfig, copied next to this test assembly by the build (the test project references it).</summary>
    public static string AssemblyPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Governance.LocalHost.dll");
        if (!File.Exists(path) || !File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"{path} or its runtimeconfig is missing: build the test project first.");
        }

        return path;
    }

    public static async Task<ChildLocalHost> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan queuePolling, TimeSpan queueLease)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = GovernanceHostFixture.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            AssemblyPath(), "--port", "0",
            "--queue-polling", ((int)queuePolling.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queue-lease", ((int)queueLease.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            while (output.Count > 2000 && output.TryDequeue(out _))
            {
            }

            if (ServingLine().Match(line) is { Success: true } match)
            {
                ready.TrySetResult(new Uri(match.Groups["address"].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The local host exited during start-up:\n" + string.Join('\n', output)));
        try
        {
            var address = await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
            return new ChildLocalHost(process, output, address);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL on Unix: no shutdown code runs, in-flight requests and queue messages are cut off.</summary>
    public void KillHard() => Kill(_process);

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Serving \d+ functions on (?<address>https?://\S+/)")]
    private static partial Regex ServingLine();
}
