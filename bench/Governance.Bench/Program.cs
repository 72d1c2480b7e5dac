using Governance.Bench;

// Ratio benchmarks, each measured in one run on this machine (see README "Benchmarks"):
//   claims [--requests N --concurrency N --rounds N]        claim webhook intake vs raw storage (the default)
//   public-reads [--requests N --concurrency N --rounds N]  disclosure page and diff vs the current version's JSON
var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "claims";
var rest = args.Length > 0 && args[0] == command ? args[1..] : args;
var report = command switch
{
    "claims" => await ClaimIntakeBenchmark.RunAsync(BenchOptions.Parse(rest)),
    "public-reads" => await PublicReadsBenchmark.RunAsync(BenchOptions.Parse(rest, PublicReadsBenchmark.Defaults)),
    _ => throw new ArgumentException($"Unknown benchmark '{command}'; use 'claims' or 'public-reads'."),
};
Console.WriteLine(report);
return 0;
