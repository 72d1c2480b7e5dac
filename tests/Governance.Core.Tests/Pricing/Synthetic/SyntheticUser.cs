using Governance.Core.Pricing.Observations;

namespace Governance.Core.Tests.Pricing.Synthetic;

/// <summary>A synthetic user: fixed region and membership tier (conditions) and attributes that must not move the price.</summary>
internal sealed record SyntheticUser(int Id, int Region, string Tier, double TierFactor, IReadOnlyList<ObservationAttribute> Attributes)
{
    public string Device => Attributes.First(a => a.Name == "deviceOs").Text!;

    public static SyntheticUser Create(int id, Random random, MarketParameters p)
    {
        var device = SyntheticMarket.Device(SyntheticMarket.Pick(random, [0.55, 0.35, 0.10]));
        var gold = random.NextDouble() < (device == "ios" ? p.IosGoldShare : 0.10);
        var tier = gold ? "gold" : random.NextDouble() < 0.25 ? "silver" : "none";
        var factor = tier switch { "gold" => 0.90, "silver" => 0.95, _ => 1.0 };
        var age = Math.Round(-Math.Log(1 - random.NextDouble()) * 400);
        var purchases = SyntheticMarket.Geometric(random, 4);
        var type = random.NextDouble() < 0.2 ? "business" : "consumer";
        var attributes = new List<ObservationAttribute>
        {
            ObservationAttribute.Of("accountAgeDays", age),
            ObservationAttribute.Of("customerType", type),
            ObservationAttribute.Of("deviceOs", device),
            ObservationAttribute.Of("purchases90d", purchases),
            ObservationAttribute.Of("sessionMinutes", Math.Round(5 + (-Math.Log(1 - random.NextDouble()) * 20), 1)),
        };
        return new SyntheticUser(id, SyntheticMarket.Pick(random, SyntheticMarket.RegionShares), tier, factor, attributes);
    }
}
