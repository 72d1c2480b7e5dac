using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Core.Storage;

namespace Governance.Core.Tests.Infra;

/// <summary>The Bicep creates every store in StorageCatalog, and keeps the records that must last immutable.</summary>
public sealed class StorageInfraTests
{
    /// <summary>Three calendar years can hold a leap day.</summary>
    private const long ThreeYearsInDays = 3 * 365 + 1;

    private readonly Lazy<InfraInspector> _inspector = new(InfraInspector.ForRepository);
    private readonly List<string> _problems = [];

    [SkippableFact]
    public void Every_table_in_the_catalog_is_created()
    {
        var tables = Infra.Tables(_problems);

        AssertNoProblems();
        Assert.Empty(StorageCatalog.Tables.Except(tables));
    }

    [SkippableFact]
    public void Every_container_in_the_catalog_is_created()
    {
        var containers = Infra.Containers(_problems).Select(c => c.Name);

        AssertNoProblems();
        Assert.Empty(StorageCatalog.Containers.Except(containers));
    }

    [SkippableFact]
    public void Every_queue_in_the_catalog_is_created_with_its_poison_queue()
    {
        var queues = Infra.Queues(_problems);
        var expected = StorageCatalog.Queues.SelectMany(q => new[] { q.DefaultName, StorageCatalog.PoisonQueueName(q.DefaultName) });

        AssertNoProblems();
        Assert.Empty(expected.Except(queues));
    }

    [SkippableTheory]
    [InlineData(ContainerNames.Disclosures)]
    [InlineData(ContainerNames.AuditAnchors)]
    [InlineData(ContainerNames.Contracts)]
    public void Records_that_must_last_are_immutable_for_at_least_three_years(string containerName)
    {
        var container = Infra.Containers(_problems).Single(c => c.Name == containerName);

        AssertNoProblems();
        Assert.NotNull(container.ImmutabilityDays);
        foreach (var days in PossibleValues(container.ImmutabilityDays))
        {
            Assert.True(days >= ThreeYearsInDays, $"'{containerName}' may be immutable for only {days} days.");
        }
    }

    [SkippableTheory]
    [InlineData(ContainerNames.DisclosureDrafts)]
    [InlineData(ContainerNames.IdempotencyResponses)]
    public void Working_copies_are_created_without_an_immutability_policy(string containerName)
    {
        var containers = Infra.Containers(_problems);

        AssertNoProblems();
        var container = Assert.Single(containers, c => c.Name == containerName);
        Assert.Null(container.ImmutabilityDays);
    }

    private InfraInspector Infra => _inspector.Value;

    /// <summary>A literal, or a parameter's default and its minValue (both must be at least three years).</summary>
    private IEnumerable<long> PossibleValues(JsonNode node)
    {
        if ((string?)node is { } expression && Regex.Match(expression, @"^\[parameters\('(\w+)'\)\]$") is { Success: true } reference)
        {
            var parameter = Infra.Main.Parameters[reference.Groups[1].Value];
            Assert.True(parameter?["minValue"] is JsonValue, $"Param '{reference.Groups[1].Value}' needs a minValue.");
            yield return (long)parameter!["minValue"]!;
        }

        var value = Infra.Main.Resolve(node.DeepClone());
        Assert.NotNull(value);
        yield return (long)value;
    }

    private void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
}
