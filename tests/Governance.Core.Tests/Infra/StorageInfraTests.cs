using Governance.Core.Storage;

namespace Governance.Core.Tests.Infra;

/// <summary>The Bicep creates every store in StorageCatalog, and keeps the records that must last immutable.</summary>
public sealed class StorageInfraTests
{
    /// <summary>Three calendar years can hold a leap day.</summary>
    private const long ThreeYearsInDays = 3 * 365 + 1;

    private readonly InfraInspector _infra = InfraInspector.ForRepository();
    private readonly List<string> _problems = [];

    [Fact]
    public void Every_table_in_the_catalog_is_created()
    {
        var tables = _infra.Tables(_problems);

        AssertNoProblems();
        Assert.Empty(StorageCatalog.Tables.Except(tables));
    }

    [Fact]
    public void Every_container_in_the_catalog_is_created()
    {
        var containers = _infra.Containers(_problems).Select(c => c.Name);

        AssertNoProblems();
        Assert.Empty(StorageCatalog.Containers.Except(containers));
    }

    [Fact]
    public void Every_queue_in_the_catalog_is_created_with_its_poison_queue()
    {
        var queues = _infra.Queues(_problems);
        var expected = StorageCatalog.Queues.SelectMany(q => new[] { q.DefaultName, StorageCatalog.PoisonQueueName(q.DefaultName) });

        AssertNoProblems();
        Assert.Empty(expected.Except(queues));
    }

    [Theory]
    [InlineData(ContainerNames.Disclosures)]
    [InlineData(ContainerNames.AuditAnchors)]
    [InlineData(ContainerNames.Contracts)]
    public void Records_that_must_last_are_immutable_for_at_least_three_years(string containerName)
    {
        var container = _infra.Containers(_problems).Single(c => c.Name == containerName);

        AssertNoProblems();
        Assert.NotNull(container.ImmutabilityDays);
        foreach (var days in PossibleValues(container.ImmutabilityDays))
        {
            Assert.True(days >= ThreeYearsInDays, $"'{containerName}' may be immutable for only {days} days.");
        }
    }

    [Theory]
    [InlineData(ContainerNames.DisclosureDrafts)]
    [InlineData(ContainerNames.IdempotencyResponses)]
    public void Working_copies_are_created_without_an_immutability_policy(string containerName)
    {
        var containers = _infra.Containers(_problems);

        AssertNoProblems();
        var container = Assert.Single(containers, c => c.Name == containerName);
        Assert.Null(container.ImmutabilityDays);
    }

    /// <summary>A literal, or a parameter's default and its @minValue (both must be at least three years).</summary>
    private IEnumerable<long> PossibleValues(Bicep.BicepNode node)
    {
        if (node is Bicep.BicepReference { Path: [var name] } && _infra.Main.Parameters.TryGetValue(name, out var parameter))
        {
            var minimum = parameter.Decorator("minValue")?.Arguments;
            Assert.True(minimum is [{ Kind: Bicep.TokenKind.Number }], $"Param '{name}' needs a literal @minValue.");
            yield return long.Parse(minimum[0].Text, System.Globalization.CultureInfo.InvariantCulture);
        }

        yield return Assert.IsType<long>(_infra.Main.Evaluate(node));
    }

    private void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
}
