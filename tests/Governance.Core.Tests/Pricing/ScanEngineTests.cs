using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;

namespace Governance.Core.Tests.Pricing;

public sealed class ScanEngineTests
{
    private static readonly ScanWindow OneDay = PricingScanHarness.Days(CellBuilder.Day, 1);

    [Fact]
    public async Task A_cohort_paying_more_in_a_cell_is_a_finding_with_medians_sizes_and_legal_basis()
    {
        var cell = new CellBuilder().Add(40, 1000, device: "android").Add(30, 1080, device: "ios");

        var outcome = await PricingScanHarness.ScanAsync(cell.Rows, OneDay);

        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(("sku-1", "deviceOs", "ios"), (finding.ProductId, finding.Attribute, finding.Cohort.Value));
        Assert.Equal(new Dictionary<string, string> { ["region"] = "north" }, finding.Conditions);
        Assert.Equal((30, 1081.0), (finding.Cohort.N, finding.Cohort.MedianPaidPrice));
        Assert.Equal((40, 1001.0), (finding.Rest.N, finding.Rest.MedianPaidPrice));
        Assert.Equal(80.0 / 1001, finding.RelativeDifference, 9);
        Assert.True(finding.PValue < 1e-6 && finding.AdjustedPValue >= finding.PValue && finding.AdjustedPValue <= 0.05);
        Assert.Equal(PricingRuleIds.Required, finding.LegalBasis.Select(r => r.Id));
        Assert.Equal(5, finding.SampleObservationIds.Count);
        Assert.All(finding.SampleObservationIds, id => Assert.Contains(cell.Rows, o => o.ObservationId == id && o.Attributes[1].Text == "ios"));
        Assert.Equal((30, 40), (finding.Distribution.CohortCounts.Sum(), finding.Distribution.RestCounts.Sum()));
        Assert.Equal(new ScanSummary(70, 1, outcome.Summary.Tests, 1), outcome.Summary);
    }

    [Fact]
    public async Task The_finding_id_is_deterministic_per_scan_cell_attribute_and_cohort()
    {
        var rows = new CellBuilder().Add(40, 1000).Add(30, 1080, device: "ios").Rows;

        var first = (await PricingScanHarness.ScanAsync(rows, OneDay)).Findings.Single();
        var again = (await PricingScanHarness.ScanAsync(rows, OneDay, shardCount: 7)).Findings.Single();

        Assert.Equal(first.FindingId, again.FindingId);
        Assert.Matches("^[0-9a-f]{32}$", first.FindingId);
    }

    [Fact]
    public async Task Prices_explained_by_a_condition_are_never_flagged_even_when_an_attribute_follows_the_condition()
    {
        // iOS users shop in the cheaper region: mixing regions would make iOS look 10 % cheaper.
        var rows = new CellBuilder().Add(60, 1000, region: "north", device: "android").Add(60, 900, region: "south", device: "ios").Add(5, 1000, region: "north", device: "ios").Add(5, 900, region: "south", device: "android").Rows;

        var outcome = await PricingScanHarness.ScanAsync(rows, OneDay);

        Assert.Empty(outcome.Findings);
        Assert.Equal(2, outcome.Summary.Cells);
    }

    [Fact]
    public async Task Quantity_currency_and_product_each_separate_cells()
    {
        var rows = new CellBuilder().Add(30, 1000).Add(30, 1900, quantity: 2).Add(30, 500, product: "sku-2").Rows;

        var outcome = await PricingScanHarness.ScanAsync(rows, OneDay);

        Assert.Equal(3, outcome.Summary.Cells);
        Assert.Empty(outcome.Findings);
    }

    [Fact]
    public async Task A_user_with_many_purchases_counts_once_in_a_cell()
    {
        // 19 iOS users pay more, one of them 200 times: by observations the cohort would be large, by users it is too small to test.
        var rows = new CellBuilder().Add(40, 1000).Add(18, 1100, device: "ios").Add(1, 1100, device: "ios", purchasesEach: 200).Rows;

        var outcome = await PricingScanHarness.ScanAsync(rows, OneDay);

        Assert.Equal(258, outcome.Summary.Observations);
        Assert.Empty(outcome.Findings);
        Assert.Equal(0, outcome.Summary.Tests);
    }

    [Fact]
    public async Task A_cohort_below_the_minimum_is_not_tested()
    {
        var outcome = await PricingScanHarness.ScanAsync(new CellBuilder().Add(40, 1000).Add(19, 1100, device: "ios").Rows, OneDay);

        Assert.Empty(outcome.Findings);
        Assert.Equal(0, outcome.Summary.Tests);
    }

    [Fact]
    public async Task A_difference_below_the_minimum_effect_is_tested_but_not_a_finding()
    {
        // 1.5 % more, very consistently: significant, but under the profile's 2 %.
        var outcome = await PricingScanHarness.ScanAsync(new CellBuilder().Add(60, 10_000).Add(60, 10_150, device: "ios").Rows, OneDay);

        Assert.Empty(outcome.Findings);
        Assert.True(outcome.Summary.Tests >= 1);
    }

    [Fact]
    public async Task Numeric_attributes_use_the_profile_bins()
    {
        var rows = new CellBuilder().Add(40, 1000, accountAge: 400).Add(25, 1000, accountAge: 100).Add(25, 1060, accountAge: 10).Rows;

        var findings = (await PricingScanHarness.ScanAsync(rows, OneDay)).Findings;

        // Each of the three bins is compared with the rest; the new accounts pay more, the old ones therefore less than their rest.
        var newAccounts = findings.Single(f => f.Cohort.Value == "<30");
        Assert.Equal(("accountAgeDays", 25, 65), (newAccounts.Attribute, newAccounts.Cohort.N, newAccounts.Rest.N));
        Assert.True(newAccounts.RelativeDifference > 0.05);
        Assert.All(findings.Where(f => f != newAccounts), f => Assert.True(f.Cohort.Value is ">=365" or "30..<365" && f.RelativeDifference < 0));
    }

    [Fact]
    public async Task Observations_outside_the_window_are_not_scanned()
    {
        var rows = new CellBuilder().Add(40, 1000, hour: 1).Add(30, 1080, device: "ios", hour: 1).Rows;
        var window = new ScanWindow(OneDay.From.AddHours(2), OneDay.To);

        var outcome = await PricingScanHarness.ScanAsync(rows, window);

        Assert.Equal(new ScanSummary(0, 0, 0, 0), outcome.Summary);
    }

    [Fact]
    public async Task An_observation_stored_twice_counts_once()
    {
        var cell = new CellBuilder().Add(40, 1000).Add(30, 1080, device: "ios");
        var segments = new InMemorySegments(2);
        await segments.AddAsync(cell.Rows);
        await segments.AddAsync(cell.Rows.Take(10).Concat(cell.Rows.Skip(60)));

        var outcome = await PricingScanHarness.ScanAsync(segments, OneDay, PricingScanHarness.Profile());

        Assert.Equal(70, outcome.Summary.Observations);
        Assert.Equal(30, outcome.Findings.Single().Cohort.N);
    }

    [Fact]
    public async Task Many_small_segments_and_row_groups_give_the_same_result_as_one()
    {
        var rows = new CellBuilder().Add(60, 1000).Add(40, 1050, device: "ios").Add(50, 700, product: "sku-2").Add(30, 760, product: "sku-2", accountAge: 5).Rows;

        var whole = await PricingScanHarness.ScanAsync(rows, OneDay);
        var pieces = await PricingScanHarness.ScanAsync(rows.OrderBy(r => r.UserId.GetHashCode(StringComparison.Ordinal)), OneDay, rowsPerSegment: 7);

        Assert.Equal(whole.Summary, pieces.Summary);
        Assert.Equal(whole.Findings.Select(f => (f.FindingId, f.PValue, f.AdjustedPValue)), pieces.Findings.Select(f => (f.FindingId, f.PValue, f.AdjustedPValue)));
        Assert.Equal(2, whole.Findings.Count);
    }
}
