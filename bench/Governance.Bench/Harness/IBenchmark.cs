namespace Governance.Bench.Harness;

/// <summary>One benchmark of the suite: listed once in <see cref="BenchmarkCatalog"/>, run by <see cref="BenchRunner"/>.</summary>
public interface IBenchmark
{
    /// <summary>The subcommand, also the file name of its chart (<c>bench/results/{Name}.svg</c>).</summary>
    string Name { get; }

    Task<BenchmarkReport> RunAsync(BenchContext context);
}

/// <summary>What one benchmark measured; the runner adds its duration and memory peak.</summary>
public sealed record BenchmarkReport(string Title, string Setup, IReadOnlyList<Comparison> Comparisons, IReadOnlyList<string> Notes)
{
    public string Name { get; init; } = string.Empty;

    public TimeSpan Duration { get; init; }

    public MemoryPeak? Memory { get; init; }

    /// <summary>Set instead of the figures when the benchmark failed.</summary>
    public string? Error { get; init; }
}
