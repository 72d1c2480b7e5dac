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
                case "--queue-polling" when i + 1 < args.Count && TryMilliseconds(args[i + 1], out var polling):
                    // host.json's maxPollingInterval, shortened (tests that run the host as a child process use it).
                    options.ConfigureHostJson = host => host with { QueueMaxPollingInterval = polling };
                    i++;
                    break;
                case "--queue-lease" when i + 1 < args.Count && TryMilliseconds(args[i + 1], out var lease):
                    options.QueueMessageLease = lease;
                    i++;
                    break;
                case "--queue-polling" or "--queue-lease":
                    throw new ArgumentException($"{args[i]} needs a number of milliseconds from 100 to 600000.");
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: Governance.LocalHost [--port N] [--verbose] [--queue-polling MS] [--queue-lease MS] | token --role ROLE [--role ROLE] [--minutes N]");
            }
        }

        return options;
    }

    private static bool TryMilliseconds(string value, out TimeSpan span)
    {
        var ok = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms is >= 100 and <= 600_000;
        span = TimeSpan.FromMilliseconds(ok ? ms : 0);
        return ok;
    }
}
