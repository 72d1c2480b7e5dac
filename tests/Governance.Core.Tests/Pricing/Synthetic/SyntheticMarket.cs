using Governance.Core.Pricing.Observations;

namespace Governance.Core.Tests.Pricing.Synthetic;

/// <summary>
/// A synthetic market with known discrimination. Prices vary legitimately with region, membership tier, a promotion,
/// an experiment arm, channel and quantity (each a trading condition), with heavy-tailed coupons and a small jitter;
/// users buy repeatedly; iOS users are over-represented in the cheaper gold tier (a confounder that a method mixing
/// conditions would flag). Then <see cref="MarketParameters.PlantedEffects"/> cells get a surcharge (or discount)
/// for one cohort of one attribute; <see cref="Planted"/> is the ground truth.
/// </summary>
public sealed class SyntheticMarket
{
    public const string Currency = "CNY";
    private static readonly string[] Regions = ["north", "south", "west"];
    private static readonly double[] RegionWeights = [0.5, 0.3, 0.2];
    private static readonly double[] RegionFactor = [1.0, 0.97, 1.04];
    private static readonly string[] Devices = ["android", "ios", "harmony"];

    private SyntheticMarket(List<PriceObservation> observations, List<PlantedEffect> planted)
    {
        Observations = observations;
        Planted = planted;
    }

    public IReadOnlyList<PriceObservation> Observations { get; }

    public IReadOnlyList<PlantedEffect> Planted { get; }

    public static SyntheticMarket Generate(MarketParameters p)
    {
        var random = new Random(p.Seed);
        var users = Enumerable.Range(0, Math.Max(200, p.Products * p.ObservationsPerProduct / 3)).Select(i => SyntheticUser.Create(i, random, p)).ToArray();
        var rows = new List<(PriceObservation Row, SyntheticUser User)>();
        for (var d = 0; d < p.Days; d++)
        {
            var day = p.FirstDay.AddDays(d).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            for (var product = 0; product < p.Products; product++)
            {
                var basePrice = random.Next(20, 2000) * 100L;
                var promotion = random.NextDouble() < 0.5;
                for (var n = 0; n < p.ObservationsPerProduct;)
                {
                    var user = users[(int)(Math.Pow(random.NextDouble(), 1.3) * users.Length)];
                    var purchases = 1 + Geometric(random, p.RepeatPurchases);
                    var arm = random.NextDouble() < 0.5 ? "A" : "B";
                    var channel = random.NextDouble() < 0.8 ? "app" : "web";
                    var onPromotion = promotion && random.NextDouble() < 0.3;
                    for (var k = 0; k < purchases && n < p.ObservationsPerProduct; k++, n++)
                    {
                        var quantity = random.NextDouble() < 0.9 ? 1 : 2;
                        var list = basePrice * quantity * (quantity == 2 ? 0.97 : 1.0) * RegionFactor[user.Region] * user.TierFactor
                            * (onPromotion ? 0.9 : 1.0) * (arm == "B" ? 1.02 : 1.0) * (channel == "web" ? 1.01 : 1.0);
                        var paid = list * (1 + (Normal(random) * p.Jitter));
                        if (random.NextDouble() < p.CouponRate)
                        {
                            paid *= 1 - Math.Min(0.6, 0.02 * Pareto(random, p.CouponTail));
                        }

                        var conditions = new List<KeyValuePair<string, string>>
                        {
                            new("channel", channel), new("experimentArm", arm), new("membershipTier", user.Tier), new("region", Regions[user.Region]),
                        };
                        if (onPromotion)
                        {
                            conditions.Add(new("promotionId", "spring-sale"));
                        }

                        conditions.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                        rows.Add((new PriceObservation
                        {
                            ObservationId = $"s{p.Seed}-d{d}-p{product}-{n}",
                            ObservedAt = new DateTimeOffset(day.AddSeconds(random.Next(0, 86_400)), TimeSpan.Zero),
                            ProductId = $"sku-{p.Seed}-{product}",
                            UserId = $"u-{user.Id}",
                            PaidPrice = (long)Math.Round(paid),
                            ListPrice = (long)Math.Round(list),
                            Currency = Currency,
                            Quantity = quantity,
                            Conditions = conditions,
                            Attributes = user.Attributes,
                        }, user));
                    }
                }
            }
        }

        var planted = Planter.Plant(rows, random, p);
        return new SyntheticMarket([.. rows.Select(r => r.Row)], planted);
    }

    internal static int Geometric(Random random, double mean)
    {
        var q = mean / (1 + mean);
        var k = 0;
        while (random.NextDouble() < q && k < 20)
        {
            k++;
        }

        return k;
    }

    internal static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Pareto(Random random, double shape) => Math.Pow(1 - random.NextDouble(), -1 / shape);

    internal static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    internal static string Device(int index) => Devices[index];

    internal static double[] RegionShares => RegionWeights;
}
