using System.Reflection;
using Governance.Functions.Hosting;

namespace Governance.LocalHost;

public sealed class LocalHostOptions
{
    /// <summary>HTTP port; 7071 like <c>func start</c>, 0 for a free one.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>Settings that win over local.settings.json and the environment (tests use them).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Assemblies whose <c>[Function]</c> methods are served; the app's own by default.</summary>
    public IList<Assembly> FunctionAssemblies { get; } = [typeof(FunctionCatalog).Assembly];

    /// <summary>Runs after the app's own registrations, so a test can replace a service (a fake clock, say).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Adjusts host.json's trigger settings (tests shorten the queue polling interval).</summary>
    public Func<HostJson, HostJson>? ConfigureHostJson { get; set; }

    /// <summary>How long a queue message stays invisible while its function runs (renewed at half-time); 10 minutes on the Functions host.</summary>
    public TimeSpan QueueMessageLease { get; set; } = TimeSpan.FromMinutes(10);

    public string? RepositoryRoot { get; set; }

    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    public static LocalHostOptions FromArgs(IReadOnlyList<string> args)
    {
        var options = new LocalHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--port" or "-p" when i + 1 < args.Count && int.TryParse(args[i + 1], out var port) && port is >= 0 and <= 65535:
                    options.Port = port;
                    i++;
                    break;
                case "--port" or "-p":
                    throw new ArgumentException("--port needs a number from 0 to 65535.");
                case "--verbose":
                    options.MinimumLogLevel = LogLevel.Debug;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: Governance.LocalHost [--port N] [--verbose] | token --role ROLE [--role ROLE] [--minutes N]");
            }
        }

        return options;
    }
}
