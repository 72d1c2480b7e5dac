using Governance.Bench;

// Ratio benchmarks, each measured in one run on this machine (see README "Benchmarks"):
//   claims [--requests N --concurrency N --rounds N]        claim webhook intake vs raw storage (the default)
//   public-reads [--requests N --concurrency N --rounds N]  disclosure page and diff vs the current version's JSON
//   audit [--rounds N --appends N --large N]                audit appends, 8 writers vs 1; verify latency, large vs small log
//   claims-scale [--rounds N --claims N --large N ...]      claims processing vs intake; decision and recourse latency, 50,000 vs 100 claims
//   pricing [--only scan|ingest ...]                         pricing scan vs read-only at 100k/1M/3M; ingestion vs raw blob upload
//   contracts [--rounds N --pages N]                         onboarding contract check of 50-page PDF and DOCX, English and Chinese
var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "claims";
var rest = args.Length > 0 && args[0] == command ? args[1..] : args;
var report = command switch
{
    "claims" => await ClaimIntakeBenchmark.RunAsync(BenchOptions.Parse(rest)),
    "public-reads" => await PublicReadsBenchmark.RunAsync(BenchOptions.Parse(rest, PublicReadsBenchmark.Defaults)),
    "audit" => await AuditBenchmark.RunAsync(AuditBenchOptions.Parse(rest)),
    "claims-scale" => await ClaimsScaleBenchmark.RunAsync(ClaimsScaleOptions.Parse(rest)),
    "pricing" => await Governance.Bench.Pricing.PricingBenchmark.RunAsync(rest.ToList()),
    "contracts" => await ContractsBenchmark.RunAsync(rest.ToList()),
    _ => throw new ArgumentException($"Unknown benchmark '{command}'; use 'claims', 'public-reads', 'audit', 'claims-scale', 'pricing' or 'contracts'."),
};
Console.WriteLine(report);
return 0;
