using System.Globalization;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// The seed of a randomized fault test: <c>FAULT_SEED</c> when set (to replay a failure), else a fresh one. Every
/// failure message of such a test names it, so the run reproduces.
/// </summary>
public sealed class FaultSeed
{
    private FaultSeed(int value) => Value = value;

    public int Value { get; }

    public Random NewRandom() => new(Value);

    public static FaultSeed Choose()
        => new(int.TryParse(Environment.GetEnvironmentVariable("FAULT_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next());

    public override string ToString() => $"seed {Value} (replay with FAULT_SEED={Value})";

    /// <summary>Runs the test body; any failure is reported again with the seed in its message.</summary>
    public async Task RunAsync(Func<Random, Task> body)
    {
        try
        {
            await body(NewRandom());
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"Failed with {this}:\n{ex.Message}\n{ex.StackTrace}");
        }
    }
}

public static class FaultFixtureExtensions
{
    /// <summary>The fault invariants against the shared fixture's host.</summary>
    public static FaultChecks FaultChecks(this GovernanceHostFixture fixture)
        => new(fixture.Client, roles => fixture.StaffToken(roles), fixture.Tables, fixture.Queues, fixture.Configuration);
}
