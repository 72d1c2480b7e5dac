using Governance.Core.Policies;
using Governance.Core.Pricing.Statistics;

namespace Governance.Core.Pricing.Scanning;

/// <summary>The tests of a shard: every p-value (all count for the false-discovery control) and the candidates among them.</summary>
internal sealed class ShardTests
{
    public List<(double PValue, int Candidate)> Tests { get; } = [];

    public List<TestCandidate> Candidates { get; } = [];

    public void Add(double pValue, TestCandidate? candidate)
    {
        if (candidate is not null)
        {
            Candidates.Add(candidate);
        }

        Tests.Add((pValue, candidate is null ? -1 : Candidates.Count - 1));
    }
}

/// <summary>
/// Tests the cells of one shard and day. In a cell each user counts once, with the median of their paid prices
/// there (repeat purchases of one user are not independent). For each attribute, each cohort is compared with the
/// rest of the cell by Mann–Whitney U when both sides have at least the profile's minimum users; an attribute
/// with two cohorts is one test, reported for the cohort paying more. Effect = (median cohort − median rest) /
/// median rest. A test whose |effect| reaches the profile's minimum is a candidate for a finding.
/// </summary>
internal sealed partial class CellAnalyzer(PricingPolicy policy)
{
    private readonly CohortAssigner _cohorts = new(policy.NumericAttributeBins);
    private readonly List<long> _userPrices = [];
    private int[] _order = new int[256], _cohortOfUser = new int[256], _slots = new int[256];
    private double[] _price = new double[256], _sortedPrice = new double[256];

    public void AnalyzeDay(ShardDayAccumulator data, ShardTests sink)
    {
        // Counting sort of the slots by cell: each cell's users are contiguous in cellSlots.
        var cells = data.Cells.Count;
        var start = new int[cells + 1];
        for (var s = 0; s < data.SlotCount; s++)
        {
            start[data.SlotCell[s] + 1]++;
        }

        for (var c = 0; c < cells; c++)
        {
            start[c + 1] += start[c];
        }

        var cellSlots = new int[data.SlotCount];
        var fill = (int[])start.Clone();
        for (var s = 0; s < data.SlotCount; s++)
        {
            cellSlots[fill[data.SlotCell[s]]++] = s;
        }

        for (var c = 0; c < cells; c++)
        {
            var users = start[c + 1] - start[c];
            if (users >= 2 * policy.MinObservationsPerCohort)
            {
                AnalyzeCell(data, data.Cells[c], cellSlots.AsSpan(start[c], users), sink);
            }
        }
    }

    private void AnalyzeCell(ShardDayAccumulator data, CellKey cell, ReadOnlySpan<int> slots, ShardTests sink)
    {
        var n = slots.Length;
        Ensure(n);
        slots.CopyTo(_slots);
        for (var u = 0; u < n; u++)
        {
            _price[u] = UserMedian(data, slots[u]);
            _order[u] = u;
        }

        Array.Sort(_price, _order, 0, n);
        // _price is now sorted; map back: _sortedPrice[i] is the price of user _order[i].
        Array.Copy(_price, _sortedPrice, n);
        for (var i = 0; i < n; i++)
        {
            _price[_order[i]] = _sortedPrice[i];
        }

        var names = new SortedSet<int>();
        foreach (var slot in slots)
        {
            for (var i = data.SlotAttrStart[slot]; i < data.SlotAttrStart[slot] + data.SlotAttrCount[slot]; i++)
            {
                names.Add(data.Attributes[i].Name);
            }
        }

        foreach (var name in names.OrderBy(id => data.AttributeNames.Values[id], StringComparer.Ordinal))
        {
            var cohorts = _cohorts.Assign(data, slots, name, _cohortOfUser.AsSpan(0, n));
            if (cohorts >= 2)
            {
                new AttributeTests(this, data, cell, name, n, cohorts).Run(sink);
            }
        }
    }

    private double UserMedian(ShardDayAccumulator data, int slot)
    {
        _userPrices.Clear();
        for (var p = data.SlotPriceHead[slot]; p >= 0; p = data.PriceNext[p])
        {
            _userPrices.Add(data.Prices[p]);
        }

        if (_userPrices.Count == 1)
        {
            return _userPrices[0];
        }

        _userPrices.Sort();
        var mid = _userPrices.Count / 2;
        return _userPrices.Count % 2 == 1 ? _userPrices[mid] : (_userPrices[mid - 1] + _userPrices[mid]) / 2.0;
    }

    private void Ensure(int n)
    {
        if (_order.Length >= n)
        {
            return;
        }

        var size = Math.Max(n, _order.Length * 2);
        _order = new int[size];
        _cohortOfUser = new int[size];
        _slots = new int[size];
        _price = new double[size];
        _sortedPrice = new double[size];
    }

    private int PolicyMinimum => policy.MinObservationsPerCohort;

    private double PolicyMinimumEffect => policy.MinRelativeDifference;
}
