namespace Governance.Core.Tests.Pricing.Synthetic;

/// <summary>
/// How a synthetic market looks. <see cref="Vary"/> draws a different market per seed (products, traffic, noise,
/// coupons, repeat purchases, effect sizes), so accuracy is not measured on one shape of data.
/// </summary>
public sealed record MarketParameters
{
    public int Seed { get; init; } = 1;

    public int Products { get; init; } = 5;

    public int ObservationsPerProduct { get; init; } = 8_000;

    public int Days { get; init; } = 1;

    public DateOnly FirstDay { get; init; } = new(2026, 5, 1);

    /// <summary>Share of purchases with a coupon; coupon sizes are heavy-tailed (Pareto).</summary>
    public double CouponRate { get; init; } = 0.25;

    /// <summary>Pareto shape of coupon sizes: smaller is heavier-tailed.</summary>
    public double CouponTail { get; init; } = 1.8;

    /// <summary>Standard deviation of a multiplicative per-purchase jitter (fees, rounding), e.g. 0.01 = 1 %.</summary>
    public double Jitter { get; init; } = 0.005;

    /// <summary>Mean number of extra purchases a user makes of the same product on a day (geometric).</summary>
    public double RepeatPurchases { get; init; } = 0.5;

    /// <summary>Cells given a planted effect (0 = a market without discrimination).</summary>
    public int PlantedEffects { get; init; } = 4;

    public double MinEffect { get; init; } = 0.03;

    public double MaxEffect { get; init; } = 0.08;

    /// <summary>Fewest observations the planted cohort and the rest of its cell must each have.</summary>
    public int MinCohortObservations { get; init; } = 50;

    /// <summary>Probability that an iOS user is a gold member, against 0.10 for others: the confounder.</summary>
    public double IosGoldShare { get; init; } = 0.45;

    public static MarketParameters Vary(int seed, int plantedEffects = -1)
    {
        var random = new Random(seed * 7919);
        return new MarketParameters
        {
            Seed = seed,
            Products = random.Next(3, 8),
            ObservationsPerProduct = random.Next(3_000, 10_000),
            Days = random.Next(1, 3),
            CouponRate = 0.10 + (random.NextDouble() * 0.40),
            CouponTail = 1.2 + (random.NextDouble() * 1.3),
            Jitter = random.NextDouble() * 0.03,
            RepeatPurchases = random.NextDouble() * 1.5,
            PlantedEffects = plantedEffects >= 0 ? plantedEffects : random.Next(2, 7),
            MinEffect = 0.03,
            MaxEffect = 0.03 + (random.NextDouble() * 0.07),
            IosGoldShare = 0.3 + (random.NextDouble() * 0.4),
        };
    }
}

/// <summary>A planted effect: in this cell, the cohort's users pay <see cref="Effect"/> more (or less, when negative).</summary>
public sealed record PlantedEffect(
    string ProductId, string ConditionsKey, int Quantity, string Currency, DateOnly Day, string Attribute, string Cohort,
    double Effect, int CohortObservations, int RestObservations);
