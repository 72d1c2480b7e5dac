using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Governance.LocalHost.Storage;

/// <summary>
/// Runs Azurite from the repository's node_modules (installing it with <c>npm ci</c> when missing) and stops it on dispose.
/// Ports of 0 let Azurite pick free ones; the real ports are read from its start-up lines.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static readonly (int Blob, int Queue, int Table) DefaultPorts = (10000, 10001, 10002);

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString => BuildConnectionString(BlobPort, QueuePort, TablePort);

    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort)
        => "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
           $"AccountKey={DevelopmentAccountKey};" +
           $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
           $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
           $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<AzuriteProcess> StartAsync(
        string repositoryRoot,
        (int Blob, int Queue, int Table) ports,
        bool inMemory,
        Action<string>? log = null,
        CancellationToken cancellationToken = default,
        string? location = null)
    {
        log ??= _ => { };
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            log("Azurite is not installed; running 'npm ci' in " + repositoryRoot);
            await NpmCiAsync(repositoryRoot, cancellationToken);
        }

        location ??= Path.Combine(repositoryRoot, ".azurite");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            script, "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        if (inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node to run Azurite.");
        var listening = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                lock (listening)
                {
                    listening[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (listening.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited during start-up:\n" + string.Join('\n', output)));

        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            Stop(process);
            throw;
        }

        var azurite = new AzuriteProcess(process, listening["Blob"], listening["Queue"], listening["Table"]);
        log($"Azurite started (blob {azurite.BlobPort}, queue {azurite.QueuePort}, table {azurite.TablePort}{(inMemory ? ", in memory" : ", data in .azurite/")}).");
        return azurite;
    }

    /// <summary>
    /// Stops Azurite as Ctrl+C does (SIGTERM on Unix): it closes its servers and saves its data files first, so a
    /// restart on the same <c>--location</c> finds everything it acknowledged.
    /// </summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Stop(_process);
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task NpmCiAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var npm = new ProcessStartInfo("npm")
        {
            WorkingDirectory = repositoryRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        npm.ArgumentList.Add("ci");
        npm.ArgumentList.Add("--no-audit");
        npm.ArgumentList.Add("--no-fund");
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not run 'npm ci': is Node.js 20+ installed?");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' failed with exit code {process.ExitCode}:\n{await stderr}");
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
