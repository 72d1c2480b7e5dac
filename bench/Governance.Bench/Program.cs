using Governance.Bench;

// Ratio benchmarks, each measured in one run on this machine (see README "Benchmarks").
if (args.Length > 0 && args[0] == "pricing")
{
    Console.WriteLine(await Governance.Bench.Pricing.PricingBenchmark.RunAsync(args.Skip(1).ToList()));
    return 0;
}

var options = BenchOptions.Parse(args);
var report = await ClaimIntakeBenchmark.RunAsync(options);
Console.WriteLine(report);
return 0;
