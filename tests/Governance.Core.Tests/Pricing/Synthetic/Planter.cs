using Governance.Core.Pricing.Observations;

namespace Governance.Core.Tests.Pricing.Synthetic;

/// <summary>Plants effects of known size on one cohort of one attribute in distinct, large enough cells.</summary>
internal static class Planter
{
    private static readonly string[] Attributes = ["deviceOs", "customerType", "accountAgeDays", "purchases90d", "sessionMinutes"];

    public static List<PlantedEffect> Plant(List<(PriceObservation Row, SyntheticUser User)> rows, Random random, MarketParameters p)
    {
        var planted = new List<PlantedEffect>();
        var cells = Enumerable.Range(0, rows.Count)
            .GroupBy(i => (rows[i].Row.ProductId, rows[i].Row.ConditionsKey, rows[i].Row.Quantity, rows[i].Row.Currency, Day: DateOnly.FromDateTime(rows[i].Row.ObservedAt.UtcDateTime)))
            .Where(g => g.Count() >= 3 * p.MinCohortObservations)
            .OrderBy(g => g.Key.ProductId, StringComparer.Ordinal).ThenBy(g => g.Key.ConditionsKey, StringComparer.Ordinal).ThenBy(g => g.Key.Quantity).ThenBy(g => g.Key.Day)
            .Select(g => (g.Key, Rows: g.ToList()))
            .OrderBy(_ => random.Next())
            .ToList();
        foreach (var (key, cellRows) in cells)
        {
            if (planted.Count == p.PlantedEffects)
            {
                break;
            }

            foreach (var attribute in Attributes.OrderBy(_ => random.Next()))
            {
                var (label, member) = Cohort(attribute, cellRows.Select(i => rows[i].User).Distinct().ToList(), random);
                var cohort = cellRows.Where(i => member(rows[i].User)).ToList();
                if (cohort.Count < p.MinCohortObservations || cellRows.Count - cohort.Count < p.MinCohortObservations)
                {
                    continue;
                }

                var effect = (p.MinEffect + (random.NextDouble() * (p.MaxEffect - p.MinEffect))) * (random.NextDouble() < 0.8 ? 1 : -1);
                foreach (var i in cohort)
                {
                    rows[i] = (rows[i].Row with { PaidPrice = (long)Math.Round(rows[i].Row.PaidPrice * (1 + effect)) }, rows[i].User);
                }

                planted.Add(new PlantedEffect(key.ProductId, key.ConditionsKey, key.Quantity, key.Currency, key.Day, attribute, label, effect, cohort.Count, cellRows.Count - cohort.Count));
                break;
            }
        }

        return planted;
    }

    private static (string Label, Func<SyntheticUser, bool> Member) Cohort(string attribute, List<SyntheticUser> users, Random random)
    {
        double Number(SyntheticUser u) => u.Attributes.First(a => a.Name == attribute).Number;
        string Text(SyntheticUser u) => u.Attributes.First(a => a.Name == attribute).Text!;
        switch (attribute)
        {
            case "deviceOs":
                var device = random.NextDouble() < 0.6 ? "ios" : "android";
                return (device, u => Text(u) == device);
            case "customerType":
                return ("business", u => Text(u) == "business");
            case "accountAgeDays":
                return random.NextDouble() < 0.5 ? (">=365", u => Number(u) >= 365) : ("<30", u => Number(u) < 30);
            case "purchases90d":
                return ("1..<10", u => Number(u) is >= 1 and < 10);
            default:
                var values = users.Select(Number).Order().ToList();
                var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
                return ($"median split: >={median}", u => Number(u) >= median);
        }
    }
}
