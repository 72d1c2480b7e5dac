using System.Globalization;

namespace Governance.Bench;

/// <summary>Options of the <c>claims-scale</c> subcommand.</summary>
public sealed record ClaimsScaleOptions(int Rounds, int Claims, int Concurrency, int LargeStore, int SmallStore, int Requests)
{
    public static ClaimsScaleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ClaimsScaleOptions(Rounds: 5, Claims: 300, Concurrency: 16, LargeStore: 50_000, SmallStore: 100, Requests: 20);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = value },
                "--claims" => options with { Claims = value },
                "--concurrency" => options with { Concurrency = value },
                "--large" => options with { LargeStore = value },
                "--small" => options with { SmallStore = value },
                "--requests" => options with { Requests = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use claims-scale [--rounds N] [--claims N] [--concurrency N] [--large N] [--small N] [--requests N]."),
            };
        }

        return options.Rounds < 5 ? throw new ArgumentException("--rounds must be at least 5 (medians of five or more rounds).") : options;
    }
}
