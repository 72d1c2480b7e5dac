using Governance.Bench;

// Ratio benchmarks, each measured in one run on this machine (see README "Benchmarks").
var options = BenchOptions.Parse(args);
var report = await ClaimIntakeBenchmark.RunAsync(options);
Console.WriteLine(report);
return 0;
