using System.Globalization;

namespace Governance.Bench;

/// <summary>Options of the <c>audit</c> subcommand.</summary>
public sealed record AuditBenchOptions(int Appends, int Rounds, int LargeLog, int SmallLog, int VerifyRequests, int Writers)
{
    public static AuditBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new AuditBenchOptions(Appends: 800, Rounds: 5, LargeLog: 20_000, SmallLog: 128, VerifyRequests: 20, Writers: 8);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--appends" => options with { Appends = value },
                "--rounds" => options with { Rounds = value },
                "--large" => options with { LargeLog = value },
                "--small" => options with { SmallLog = value },
                "--verify-requests" => options with { VerifyRequests = value },
                "--writers" => options with { Writers = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use audit [--appends N] [--rounds N] [--large N] [--small N] [--verify-requests N] [--writers N]."),
            };
        }

        return options.Rounds < 5 ? throw new ArgumentException("--rounds must be at least 5 (medians of five or more rounds).") : options;
    }
}
