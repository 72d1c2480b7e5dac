using System.Globalization;

namespace Governance.Bench;

public sealed record BenchOptions(int Requests, int Concurrency, int Rounds)
{
    public static BenchOptions Parse(IReadOnlyList<string> args, BenchOptions? defaults = null)
    {
        var options = defaults ?? new BenchOptions(Requests: 2000, Concurrency: 16, Rounds: 3);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--requests" => options with { Requests = value },
                "--concurrency" => options with { Concurrency = value },
                "--rounds" => options with { Rounds = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --requests N --concurrency N --rounds N."),
            };
        }

        return options;
    }
}
