namespace Governance.Bench.Harness;

/// <summary>One side of a comparison: measures one round (its index given) and returns its figure.</summary>
public sealed record Side(string Label, Func<int, Task<double>> Measure);
