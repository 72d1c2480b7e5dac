using Governance.Core;
using Governance.Core.Security;
using Governance.LocalHost.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Governance.LocalHost;

/// <summary>
/// <c>token --role operator [--role auditor] [--minutes 60] [--subject name]</c>: prints a development staff token
/// signed with <c>Auth__SigningKey</c> from the same settings the host reads.
/// </summary>
public static class TokenCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var roles = new List<string>();
        var minutes = 60;
        var subject = "dev-" + Environment.UserName;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null:
                    roles.Add(value);
                    i++;
                    break;
                case "--minutes" when int.TryParse(value, out var m) && m is > 0 and <= 24 * 60:
                    minutes = m;
                    i++;
                    break;
                case "--subject" when !string.IsNullOrWhiteSpace(value):
                    subject = value;
                    i++;
                    break;
                default:
                    error.WriteLine($"Unexpected '{args[i]}'. Usage: token --role operator|reviewer|auditor [--role ...] [--minutes 1-1440] [--subject NAME]");
                    return 2;
            }
        }

        if (roles.Count == 0)
        {
            error.WriteLine("Name at least one --role (operator, reviewer, auditor).");
            return 2;
        }

        var configuration = new ConfigurationManager();
        configuration.Sources.Add(new MemoryConfigurationSource { InitialData = LocalSettings.Load(RepositoryLayout.FindRoot()).Values });
        configuration.AddEnvironmentVariables();
        var services = new ServiceCollection().AddLogging().AddGovernance(configuration).BuildServiceProvider();
        try
        {
            output.WriteLine(services.GetRequiredService<DevTokenIssuer>().Issue(roles, subject, TimeSpan.FromMinutes(minutes)));
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }
}
