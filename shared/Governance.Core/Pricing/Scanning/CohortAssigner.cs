using System.Globalization;

namespace Governance.Core.Pricing.Scanning;

/// <summary>
/// Puts the users of a cell into cohorts of one attribute: a text value is its own cohort; a number falls into
/// the profile's bins for the attribute (edges [30, 365] give "&lt;30", "30..&lt;365", "&gt;=365") or, when the profile
/// names none, is split at the median of the cell's values ("&lt;m" and "&gt;=m"). Users without the attribute
/// take no part in its tests.
/// </summary>
internal sealed class CohortAssigner(IReadOnlyDictionary<string, IReadOnlyList<double>> bins)
{
    private readonly Dictionary<(int Text, int Bin), int> _cohortIds = [];
    private readonly List<double> _numbers = [];

    public List<string> Labels { get; } = [];

    /// <summary>Fills <paramref name="cohortOfUser"/> (−1 = no value) for the users of a cell; returns the number of cohorts.</summary>
    public int Assign(ShardDayAccumulator data, ReadOnlySpan<int> slots, int name, Span<int> cohortOfUser)
    {
        _cohortIds.Clear();
        Labels.Clear();
        _numbers.Clear();
        var attribute = data.AttributeNames.Values[name];
        for (var u = 0; u < slots.Length; u++)
        {
            if (Find(data, slots[u], name) is { Text: < 0 } value)
            {
                _numbers.Add(value.Number);
            }
        }

        var edges = bins.TryGetValue(attribute, out var configured) ? configured : _numbers.Count > 0 ? [Median(_numbers)] : [];
        var split = !bins.ContainsKey(attribute);
        for (var u = 0; u < slots.Length; u++)
        {
            var value = Find(data, slots[u], name);
            if (value is null)
            {
                cohortOfUser[u] = -1;
                continue;
            }

            var key = value.Value.Text >= 0 ? (value.Value.Text, -1) : (-1, BinOf(edges, value.Value.Number));
            if (!_cohortIds.TryGetValue(key, out var id))
            {
                id = Labels.Count;
                _cohortIds.Add(key, id);
                Labels.Add(key.Item1 >= 0 ? data.AttributeTexts.Values[key.Item1] : BinLabel(edges, key.Item2, split));
            }

            cohortOfUser[u] = id;
        }

        return Labels.Count;
    }

    private static AttributeValue? Find(ShardDayAccumulator data, int slot, int name)
    {
        var start = data.SlotAttrStart[slot];
        for (var i = start; i < start + data.SlotAttrCount[slot]; i++)
        {
            if (data.Attributes[i].Name == name)
            {
                return data.Attributes[i];
            }
        }

        return null;
    }

    private static int BinOf(IReadOnlyList<double> edges, double value)
    {
        var bin = 0;
        while (bin < edges.Count && value >= edges[bin])
        {
            bin++;
        }

        return bin;
    }

    private static string BinLabel(IReadOnlyList<double> edges, int bin, bool medianSplit)
    {
        var prefix = medianSplit ? "median split: " : string.Empty;
        return prefix + (bin == 0 ? $"<{Number(edges[0])}"
            : bin == edges.Count ? $">={Number(edges[^1])}"
            : $"{Number(edges[bin - 1])}..<{Number(edges[bin])}");
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
