using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Tests.Pricing;

public sealed class ShardMergeTests
{
    private static TestCandidate Candidate(int i, double p) => new(
        $"sku-{i}", "{}", 1, "CNY", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), "deviceOs",
        new FindingCohort("ios", 30, 1100), new FindingRest(40, 1000), 0.1, p, [], PriceDistribution.Of([1100], [1000]));

    [Fact]
    public void Benjamini_Hochberg_over_shards_equals_the_adjustment_of_all_p_values_together()
    {
        var random = new Random(5);
        var pValues = Enumerable.Range(0, 3000).Select(i => i % 50 == 0 ? random.NextDouble() * 1e-4 : random.NextDouble()).ToArray();
        var shards = Enumerable.Range(0, 5).Select(_ => new ShardTests()).ToArray();
        for (var i = 0; i < pValues.Length; i++)
        {
            shards[random.Next(5)].Add(pValues[i], i % 50 == 0 || i % 7 == 0 ? Candidate(i, pValues[i]) : null);
        }

        var profile = PricingScanHarness.Profile();
        var outcome = ScanFinalizer.Merge("scan-m", shards.Select((s, k) => (Stream)new MemoryStream(ShardResultFile.Write(k, new ShardCounts(0, 0, s.Tests.Count, s.Candidates.Count), s))), profile);

        var expected = BenjaminiHochberg.Adjust(pValues);
        var expectedFindings = Enumerable.Range(0, pValues.Length).Where(i => (i % 50 == 0 || i % 7 == 0) && expected[i] <= 0.05).ToList();
        Assert.Equal(3000, outcome.Summary.Tests);
        Assert.Equal(expectedFindings.Count, outcome.Findings.Count);
        Assert.NotEmpty(expectedFindings);
        foreach (var i in expectedFindings)
        {
            Assert.Equal(expected[i], outcome.Findings.Single(f => f.ProductId == $"sku-{i}").AdjustedPValue, 12);
        }
    }

    [Fact]
    public void Tests_without_a_candidate_still_count_in_the_adjustment()
    {
        var strong = new ShardTests();
        strong.Add(0.01, Candidate(1, 0.01));
        var many = new ShardTests();
        for (var i = 0; i < 9; i++)
        {
            many.Add(0.5, null);
        }

        var alone = ScanFinalizer.Merge("s", [new MemoryStream(ShardResultFile.Write(0, new(0, 0, 1, 1), strong))], PricingScanHarness.Profile());
        var together = ScanFinalizer.Merge("s", [new MemoryStream(ShardResultFile.Write(0, new(0, 0, 1, 1), strong)), new MemoryStream(ShardResultFile.Write(1, new(0, 0, 9, 0), many))], PricingScanHarness.Profile());

        Assert.Equal(0.01, Assert.Single(alone.Findings).AdjustedPValue, 12);
        Assert.Empty(together.Findings);
        Assert.Equal(10, together.Summary.Tests);
    }
}
