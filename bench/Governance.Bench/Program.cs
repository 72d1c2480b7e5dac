using Governance.Bench;

// Ratio benchmarks, each measured in one run on this machine (see README "Benchmarks").
if (args is ["audit", .. var auditArgs])
{
    Console.WriteLine(await AuditBenchmark.RunAsync(AuditBenchOptions.Parse(auditArgs)));
    return 0;
}

var options = BenchOptions.Parse(args);
var report = await ClaimIntakeBenchmark.RunAsync(options);
Console.WriteLine(report);
return 0;
