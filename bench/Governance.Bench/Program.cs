using Governance.Bench;
using Governance.Bench.Harness;

// dotnet run -c Release --project bench/Governance.Bench -- all [--quick]
// runs every benchmark of BenchmarkCatalog; a name (or prefix, or comma-separated list) runs a selection.
// Each benchmark's options are --name value pairs (see README "Benchmarks"); --rounds N (at least 5) applies to all.
var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
var options = BenchArgs.Parse(args.Length > 0 && args[0] == command ? args[1..] : args);
var commandLine = "dotnet run -c Release --project bench/Governance.Bench -- " + string.Join(' ', args.Length > 0 ? args : ["all"]);
return await BenchRunner.RunAsync(command, BenchmarkCatalog.Select(command), options, commandLine);
