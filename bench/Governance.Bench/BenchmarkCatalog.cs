using Governance.Bench.Contracts;
using Governance.Bench.Harness;
using Governance.Bench.Pricing;

namespace Governance.Bench;

/// <summary>Every benchmark of the suite, in the order <c>all</c> runs them. A new benchmark is one line here.</summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new ClaimIntakeBenchmark(),
        new PublicReadsBenchmark(),
        new AuditBenchmark(),
        new ClaimsScaleBenchmark(),
        new ContractsBenchmark(),
        new PricingIngestionBenchmark(),
        new PricingScanBenchmark(),
    ];

    /// <summary><c>all</c>; a name; a prefix of names (<c>pricing</c> is every <c>pricing-*</c>); or a comma-separated list of these.</summary>
    public static IReadOnlyList<IBenchmark> Select(string command)
    {
        if (command == "all")
        {
            return All;
        }

        var selected = command.Split(',').SelectMany(name => All.Where(b => b.Name == name || b.Name.StartsWith(name + "-", StringComparison.Ordinal))).Distinct().ToList();
        return selected.Count > 0
            ? selected
            : throw new ArgumentException($"Unknown benchmark '{command}'; use all, {string.Join(", ", All.Select(b => b.Name))}.");
    }
}
